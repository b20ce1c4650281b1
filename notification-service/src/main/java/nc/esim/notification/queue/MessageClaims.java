package nc.esim.notification.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import nc.esim.notification.events.MessageParameters;

/**
 * Claims due messages for sending, in a transaction of its own that commits before anything is sent: the
 * claimed rows are SENDING with a lease ({@code next_attempt_at} = the lease's end). Sending then holds no
 * transaction and no row lock, and its outcome is settled in a short transaction of its own
 * ({@link Settlement}), which a database restart in between only delays. A dispatcher that crashes leaves its
 * claims SENDING; when their lease has run out they are due again, and when it starts again it releases them
 * at once (the one case that may send a message twice: the peer took it, and the crash came before the
 * outcome was written).
 */
@ApplicationScoped
public class MessageClaims {
    private static final Logger LOG = Logger.getLogger(MessageClaims.class);

    private final EntityManager entityManager;
    private final Clock clock;
    private final String instance;

    public MessageClaims(EntityManager entityManager, Clock clock,
                         @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.instance = hostName() + ":" + httpPort; // the same after a restart, never two alive at once
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This instance's name on its claims: its host and HTTP port. */
    public String instance() {
        return instance;
    }

    /**
     * At start, this instance's claims from before (it crashed while sending) are released at once rather
     * than when their lease runs out: nothing of its former life is sending them any more.
     */
    public void releaseFormerClaims(@Observes StartupEvent start) {
        int released = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        update notification set status = case when attempts = 0 then 'QUEUED' else 'RETRYING' end,
                                                next_attempt_at = ?1, claimed_by = null
                        where status = 'SENDING' and claimed_by = ?2""")
                .setParameter(1, clock.instant()).setParameter(2, instance).executeUpdate());
        if (released > 0) {
            LOG.warnf("%d messages claimed before a restart of %s released: those already sent go again", released,
                    instance);
        }
    }

    /** Up to {@code limit} due messages of {@code channel}, urgent first, claimed until {@code now + lease}. */
    public List<ClaimedMessage> claim(Channel channel, Instant now, Duration lease, int limit) {
        Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it: the claim's token
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            update notification n set status = 'SENDING', next_attempt_at = ?1, claimed_by = ?5
                            from (select id from notification
                                  where channel = ?2 and status in ('QUEUED', 'RETRYING', 'SENDING') and next_attempt_at <= ?3
                                  order by urgent desc, next_attempt_at limit ?4 for update skip locked) due
                            where n.id = due.id
                            returning n.id, n.cause_event_id, n.iccid, n.destination, n.template, n.language,
                                      cast(n.parameters as text), n.attempts, n.urgent""")
                    .setParameter(1, until).setParameter(2, channel.name()).setParameter(3, now).setParameter(4, limit)
                    .setParameter(5, instance).getResultList();
            return rows.stream()
                    .map(row -> new ClaimedMessage((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                            (String) row[4], (String) row[5], MessageParameters.fromJson((String) row[6]),
                            ((Number) row[7]).intValue(), (Boolean) row[8], until))
                    .sorted(Comparator.comparing(ClaimedMessage::urgent).reversed())
                    .toList();
        });
    }
}
