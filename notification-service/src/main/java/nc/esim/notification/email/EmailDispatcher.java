package nc.esim.notification.email;

import nc.esim.notification.templates.EmailContent;
import nc.esim.notification.templates.MessageTemplates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.events.MessageParameters;
import nc.esim.notification.queue.DeliveryFacts;

/**
 * Sends the due emails: claims a batch of QUEUED or RETRYING email notifications whose time has come
 * ({@code for update skip locked}, so two instances never send the same one), renders and sends each,
 * and records the outcome with its delivery fact in the outbox, in the same transaction:
 * <ul>
 * <li>sent: SENT;</li>
 * <li>refused for good (SMTP 5xx, no template): FAILED at once;</li>
 * <li>a transient failure: RETRYING after a wait that doubles per attempt (30 s, 1 min, … up to 1 h), FAILED
 * after {@code max-attempts}. When the server cannot be reached at all the rest of the batch is left for
 * the next run untouched: an SMTP server down for minutes costs attempts, not messages.</li>
 * </ul>
 * A crash after the server accepted a message and before the commit sends it again on the next run (the
 * Message-ID is the same); SMTP offers nothing stronger.
 */
@ApplicationScoped
public class EmailDispatcher {
    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);

    private final EntityManager entityManager;
    private final MessageTemplates templates;
    private final SmtpSender sender;
    private final EmailConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public EmailDispatcher(EntityManager entityManager, MessageTemplates templates, SmtpSender sender, EmailConfig config,
                           Clock clock, MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.templates = templates;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One due email, as claimed. */
    private record Due(UUID id, String causeEventId, String iccid, String destination, String template, String language,
                       MessageParameters parameters, int attempts) {
    }

    @Scheduled(every = "${notification.email.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        try {
            int handled;
            do {
                handled = QuarkusTransaction.requiringNew().call(this::dispatchBatch);
            } while (handled == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("email dispatch failed, the next run takes over: %s", e.toString());
        }
    }

    /** Sends one batch; returns how many were handled (a short batch means nothing more is due). */
    int dispatchBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, cause_event_id, iccid, destination, template, language, cast(parameters as text), attempts
                        from notification
                        where channel = 'EMAIL' and status in ('QUEUED', 'RETRYING') and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
        int handled = 0;
        for (Object[] row : rows) {
            Due due = new Due((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], MessageParameters.fromJson((String) row[6]), ((Number) row[7]).intValue());
            if (!send(due, now)) {
                break;
            }
            handled++;
        }
        return rows.size() < config.batchSize() ? rows.size() : handled;
    }

    /** Sends one; false when the server could not be reached (leave the rest of the batch for later). */
    private boolean send(Due due, Instant now) {
        if (!templates.knows(due.template())) {
            fail(due, now, "no template " + due.template());
            return true;
        }
        EmailContent content = templates.render(due.template(), due.language(), due.parameters());
        try {
            sender.send(due.destination(), content, due.id().toString());
            entityManager.createNativeQuery("""
                            update notification set status = 'SENT', sent_at = ?1, attempts = attempts + 1, last_error = null
                            where id = ?2""")
                    .setParameter(1, now).setParameter(2, due.id()).executeUpdate();
            publish(due, "SENT", now);
            metrics.counter("esim.notification.email", "outcome", "sent").increment();
            return true;
        } catch (SmtpSender.SendFailure failure) {
            int attempts = due.attempts() + 1;
            if (failure.permanent() || attempts >= config.maxAttempts()) {
                fail(due, now, failure.getMessage());
                return true;
            }
            entityManager.createNativeQuery("""
                            update notification set status = 'RETRYING', attempts = ?1, next_attempt_at = ?2, last_error = ?3
                            where id = ?4""")
                    .setParameter(1, attempts).setParameter(2, now.plus(backoff(attempts)))
                    .setParameter(3, failure.getMessage()).setParameter(4, due.id()).executeUpdate();
            metrics.counter("esim.notification.email", "outcome", "retry").increment();
            LOG.warnf("email %s not sent (attempt %d, retrying): %s", due.id(), attempts, failure.getMessage());
            return failure.getCause() instanceof io.vertx.ext.mail.SMTPException;
        }
    }

    private void fail(Due due, Instant now, String reason) {
        entityManager.createNativeQuery("""
                        update notification set status = 'FAILED', attempts = attempts + 1, last_error = ?1 where id = ?2""")
                .setParameter(1, reason).setParameter(2, due.id()).executeUpdate();
        publish(due, "FAILED", now);
        metrics.counter("esim.notification.email", "outcome", "failed").increment();
        LOG.warnf("email %s failed for good: %s", due.id(), reason);
    }

    /** The wait before attempt {@code attempts + 1}: retryBase doubled per attempt, at most retryMax. */
    Duration backoff(int attempts) {
        Duration wait = config.retryBase().multipliedBy(1L << Math.min(20, attempts - 1));
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    private void publish(Due due, String status, Instant now) {
        DeliveryFacts.publish(entityManager, due.id().toString(), due.iccid(), "EMAIL", due.template(), due.language(),
                status, due.causeEventId(), now);
    }
}
