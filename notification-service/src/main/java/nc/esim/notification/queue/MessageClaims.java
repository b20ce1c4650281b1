package nc.esim.notification.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.notification.events.MessageParameters;

/**
 * Claims due messages for sending, in a transaction of its own that commits before anything is sent: the
 * claimed rows are SENDING with a lease ({@code next_attempt_at} = the lease's end). Sending then holds no
 * transaction and no row lock, and its outcome is settled in a short transaction of its own
 * ({@link Settlement}), which a database restart in between only delays. A dispatcher that crashes leaves its
 * claims SENDING; when their lease has run out they are due again (the one case that may send a message
 * twice: the peer took it, and the crash came before the outcome was written).
 */
@ApplicationScoped
public class MessageClaims {
    private final EntityManager entityManager;

    public MessageClaims(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Up to {@code limit} due messages of {@code channel}, urgent first, claimed until {@code now + lease}. */
    public List<ClaimedMessage> claim(Channel channel, Instant now, Duration lease, int limit) {
        Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it: the claim's token
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            update notification n set status = 'SENDING', next_attempt_at = ?1
                            from (select id from notification
                                  where channel = ?2 and status in ('QUEUED', 'RETRYING', 'SENDING') and next_attempt_at <= ?3
                                  order by urgent desc, next_attempt_at limit ?4 for update skip locked) due
                            where n.id = due.id
                            returning n.id, n.cause_event_id, n.iccid, n.destination, n.template, n.language,
                                      cast(n.parameters as text), n.attempts, n.urgent""")
                    .setParameter(1, until).setParameter(2, channel.name()).setParameter(3, now).setParameter(4, limit)
                    .getResultList();
            return rows.stream()
                    .map(row -> new ClaimedMessage((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                            (String) row[4], (String) row[5], MessageParameters.fromJson((String) row[6]),
                            ((Number) row[7]).intValue(), (Boolean) row[8], until))
                    .sorted(Comparator.comparing(ClaimedMessage::urgent).reversed())
                    .toList();
        });
    }
}
