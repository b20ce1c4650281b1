package nc.esim.notification.email;

import nc.esim.notification.templates.MessageTemplates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.events.MessageParameters;
import nc.esim.notification.queue.DeliveryFacts;
import nc.esim.notification.queue.Dispatch;

/**
 * Sends the due emails: claims a batch of QUEUED or RETRYING email notifications whose time has come
 * ({@code for update skip locked}, so two instances never send the same one), renders them and sends
 * {@code window} at a time, and records the outcome with its delivery fact in the outbox, in the same transaction:
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
        Dispatch.drain("email", config.batchSize(), this::dispatchBatch);
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
        List<Due> due = rows.stream().map(row -> new Due((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], MessageParameters.fromJson((String) row[6]),
                ((Number) row[7]).intValue())).toList();
        int handled = 0;
        for (int from = 0; from < due.size(); from += config.window()) {
            List<Due> window = due.subList(from, Math.min(due.size(), from + config.window()));
            int sent = sendWindow(window, now);
            handled += sent;
            if (sent < window.size()) {
                break; // the server could not be reached: the rest waits for the next run
            }
        }
        return rows.size() < config.batchSize() ? rows.size() : handled;
    }

    /**
     * Sends a window of emails at once and records each outcome; returns how many were handled. When the
     * server cannot be reached, the first such email spends an attempt and the others are left untouched:
     * an SMTP server down for minutes costs attempts, not messages.
     */
    private int sendWindow(List<Due> window, Instant now) {
        List<CompletableFuture<Void>> sending = new ArrayList<>(window.size());
        for (Due due : window) {
            sending.add(templates.knows(due.template())
                    ? sender.send(due.destination(), templates.render(due.template(), due.language(), due.parameters()),
                            due.id().toString())
                    : null);
        }
        int handled = 0;
        boolean unreachable = false;
        for (int i = 0; i < window.size(); i++) {
            Due due = window.get(i);
            if (sending.get(i) == null) {
                fail(due, now, "no template " + due.template());
                handled++;
                continue;
            }
            try {
                SmtpSender.await(sending.get(i));
                sent(due);
                handled++;
            } catch (SmtpSender.SendFailure failure) {
                boolean reached = failure.getCause() instanceof io.vertx.ext.mail.SMTPException;
                if (!reached && unreachable) {
                    continue; // already counted against the first one
                }
                unreachable |= !reached;
                retryOrFail(due, now, failure);
                handled += reached ? 1 : 0;
            }
        }
        return handled;
    }

    private void sent(Due due) {
        Instant sentAt = clock.instant(); // when the server accepted it, not when the batch began
        entityManager.createNativeQuery("""
                        update notification set status = 'SENT', sent_at = ?1, attempts = attempts + 1, last_error = null
                        where id = ?2""")
                .setParameter(1, sentAt).setParameter(2, due.id()).executeUpdate();
        publish(due, "SENT", sentAt);
        metrics.counter("esim.notification.messages", "channel", "EMAIL", "outcome", "sent").increment();
    }

    private void retryOrFail(Due due, Instant now, SmtpSender.SendFailure failure) {
        int attempts = due.attempts() + 1;
        if (failure.permanent() || attempts >= config.maxAttempts()) {
            fail(due, now, failure.getMessage());
            return;
        }
        Dispatch.retryLater(entityManager, due.id(), attempts,
                now.plus(Dispatch.backoff(config.retryBase(), config.retryMax(), attempts)), failure.getMessage());
        metrics.counter("esim.notification.messages", "channel", "EMAIL", "outcome", "retry").increment();
        LOG.warnf("email %s not sent (attempt %d, retrying): %s", due.id(), attempts, failure.getMessage());
    }

    private void fail(Due due, Instant now, String reason) {
        entityManager.createNativeQuery("""
                        update notification set status = 'FAILED', attempts = attempts + 1, last_error = ?1 where id = ?2""")
                .setParameter(1, reason).setParameter(2, due.id()).executeUpdate();
        publish(due, "FAILED", now);
        metrics.counter("esim.notification.messages", "channel", "EMAIL", "outcome", "failed").increment();
        LOG.warnf("email %s failed for good: %s", due.id(), reason);
    }

    private void publish(Due due, String status, Instant now) {
        DeliveryFacts.publish(entityManager, due.id().toString(), due.iccid(), "EMAIL", due.template(), due.language(),
                status, due.causeEventId(), now);
    }
}
