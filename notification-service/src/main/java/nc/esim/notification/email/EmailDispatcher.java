package nc.esim.notification.email;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.queue.Channel;
import nc.esim.notification.queue.ClaimedMessage;
import nc.esim.notification.queue.Dispatch;
import nc.esim.notification.queue.DispatchConfig;
import nc.esim.notification.queue.MessageClaims;
import nc.esim.notification.queue.SendWindow;
import nc.esim.notification.queue.Settlement;
import nc.esim.notification.templates.EmailContent;
import nc.esim.notification.templates.MessageTemplates;

/**
 * Sends the due emails: claims a batch ({@link MessageClaims}: committed before anything is sent, so two
 * instances never send the same one), sends it with {@code window} emails in flight at once, and settles
 * the outcomes as soon as they come ({@link SendWindow}, {@link Settlement}, with their delivery facts):
 * <ul>
 * <li>sent: SENT;</li>
 * <li>refused for good (SMTP 5xx, no template): FAILED at once;</li>
 * <li>a transient failure: RETRYING after a wait that doubles per attempt (30 s, 1 min, … up to 1 h), FAILED
 * after {@code max-attempts}. When the server cannot be reached at all, the first such email spends an
 * attempt and the rest of the batch is released untouched: an SMTP server down for minutes costs attempts,
 * not messages.</li>
 * </ul>
 * Only a crash after the server accepted a message and before its outcome was written sends it again, once
 * the claim's lease has run out (the Message-ID is the same); SMTP offers nothing stronger.
 */
@ApplicationScoped
public class EmailDispatcher {
    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);

    private final EntityManager entityManager;
    private final MessageClaims claims;
    private final MessageTemplates templates;
    private final SmtpSender sender;
    private final EmailConfig config;
    private final DispatchConfig dispatch;
    private final Clock clock;
    private final MeterRegistry metrics;

    public EmailDispatcher(EntityManager entityManager, MessageClaims claims, MessageTemplates templates,
                           SmtpSender sender, EmailConfig config, DispatchConfig dispatch, Clock clock,
                           MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.claims = claims;
        this.templates = templates;
        this.sender = sender;
        this.config = config;
        this.dispatch = dispatch;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${notification.email.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        try {
            while (dispatchBatch() == config.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warnf("email dispatch stopped, the next run takes over: %s", e.toString());
        }
    }

    /** What became of one send; {@code failure} is null when the server accepted it. */
    private record Outcome(ClaimedMessage message, SmtpSender.SendFailure failure, boolean noTemplate) {
    }

    /** Claims and sends one batch; returns how many it claimed (fewer than a batch: nothing more is due). */
    int dispatchBatch() {
        List<ClaimedMessage> claimed = claims.claim(Channel.EMAIL, clock.instant(), dispatch.lease(), config.batchSize());
        boolean[] unreachable = {false};
        List<ClaimedMessage> notStarted = SendWindow.send(claimed, config.window(), this::send,
                outcomes -> settle(outcomes, unreachable), dispatch.sendingTime());
        // the server cannot be reached, or the claim is half spent: they go with a fresh claim
        Dispatch.release(entityManager, Channel.EMAIL, notStarted, clock.instant(), dispatch.settlePatience());
        return unreachable[0] ? 0 : claimed.size();
    }

    private CompletableFuture<Outcome> send(ClaimedMessage message) {
        if (!templates.knows(message.template())) {
            return CompletableFuture.completedFuture(new Outcome(message, null, true));
        }
        EmailContent content;
        try {
            content = templates.render(message.template(), message.language(), message.parameters());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outcome(message,
                    new SmtpSender.SendFailure("cannot render: " + e.getMessage(), true, true, e), false));
        }
        return sender.send(message.destination(), content, message.id().toString())
                .handle((sent, failure) -> new Outcome(message, failure == null ? null : SmtpSender.failure(failure), false));
    }

    /**
     * Settles the emails whose answers came; false once the server could not be reached. Only the first
     * email that could not reach it spends an attempt; the others are released untouched.
     */
    private boolean settle(List<Outcome> outcomes, boolean[] unreachable) {
        Settlement settlement = new Settlement(Channel.EMAIL);
        for (Outcome outcome : outcomes) {
            ClaimedMessage message = outcome.message();
            if (outcome.noTemplate()) {
                settlement.failed(message, "no template " + message.template(), clock.instant());
                count("failed");
            } else if (outcome.failure() == null) {
                settlement.sent(message, clock.instant()); // when the server accepted it, not when the batch began
                count("sent");
            } else if (!outcome.failure().reached() && unreachable[0]) {
                settlement.release(message, clock.instant()); // already counted against the first one
            } else {
                unreachable[0] |= !outcome.failure().reached();
                retryOrFail(settlement, message, outcome.failure());
            }
        }
        Dispatch.settle(Channel.EMAIL, dispatch.settlePatience(), () -> settlement.write(entityManager));
        return !unreachable[0];
    }

    private void retryOrFail(Settlement settlement, ClaimedMessage message, SmtpSender.SendFailure failure) {
        int attempts = message.attempts() + 1;
        if (failure.permanent() || attempts >= config.maxAttempts()) {
            settlement.failed(message, failure.getMessage(), clock.instant());
            count("failed");
            LOG.warnf("email %s failed for good: %s", message.id(), failure.getMessage());
            return;
        }
        settlement.retry(message, clock.instant().plus(Dispatch.backoff(config.retryBase(), config.retryMax(), attempts)),
                failure.getMessage());
        count("retry");
        LOG.warnf("email %s not sent (attempt %d, retrying): %s", message.id(), attempts, failure.getMessage());
    }

    private void count(String outcome) {
        metrics.counter("esim.notification.messages", "channel", "EMAIL", "outcome", outcome).increment();
    }
}
