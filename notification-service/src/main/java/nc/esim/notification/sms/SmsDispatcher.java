package nc.esim.notification.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.queue.Channel;
import nc.esim.notification.queue.ClaimedMessage;
import nc.esim.notification.queue.Dispatch;
import nc.esim.notification.queue.DispatchConfig;
import nc.esim.notification.queue.MessageClaims;
import nc.esim.notification.queue.SendWindow;
import nc.esim.notification.queue.Settlement;
import nc.esim.notification.templates.MessageTemplates;

/**
 * Sends the due SMS over the SMPP link. In quiet hours the due non-urgent SMS are first deferred to their end
 * (stored, so a restart keeps them deferred). Then a batch is claimed ({@link MessageClaims}) and submitted
 * with {@code window} submit_sm outstanding at once, paced to the SMS centre's rate, within the global hourly
 * cap of parts (beyond it they are released to wait: every part costs money); outcomes are settled as soon as
 * they come ({@link SendWindow}, {@link Settlement}). A submitted message is SENT, with its parts, until its delivery receipts make it
 * DELIVERED or FAILED ({@link SmsReceipts}); a refused one is FAILED (permanent status) or RETRYING with a
 * doubling wait; while the link is down nothing is attempted.
 */
@ApplicationScoped
public class SmsDispatcher {
    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);

    private final EntityManager entityManager;
    private final MessageClaims claims;
    private final MessageTemplates templates;
    private final SmppLink link;
    private final SmsReceipts receipts;
    private final SmsConfig config;
    private final DispatchConfig dispatch;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final QuietHours quietHours;
    private final ExecutorService window;
    private final Bucket pace;

    public SmsDispatcher(EntityManager entityManager, MessageClaims claims, MessageTemplates templates, SmppLink link,
                         SmsReceipts receipts, SmsConfig config, DispatchConfig dispatch, Clock clock,
                         MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.claims = claims;
        this.receipts = receipts;
        this.templates = templates;
        this.link = link;
        this.config = config;
        this.dispatch = dispatch;
        this.clock = clock;
        this.metrics = metrics;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
        this.window = Executors.newFixedThreadPool(config.window());
        // submit_sm in flight on the link against the window the SMS centre allows
        Gauge.builder("esim.notification.smpp.window.in.use",
                        (ThreadPoolExecutor) window, ThreadPoolExecutor::getActiveCount)
                .description("submit_sm outstanding on the SMPP link").register(metrics);
        Gauge.builder("esim.notification.smpp.window.size", config, c -> c.window())
                .description("submit_sm the SMS centre allows outstanding at once").register(metrics);
        this.pace = Bucket.builder().addLimit(Bandwidth.builder().capacity(config.throughputPerSecond())
                .refillGreedy(config.throughputPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    /** What became of one submit. */
    private record Outcome(ClaimedMessage message, List<String> messageIds, SmppLink.SubmitFailure failure) {
    }

    @Scheduled(every = "${notification.sms.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        if (!link.bound()) {
            return; // nothing is attempted while the link is down: messages wait, attempts are not spent
        }
        try {
            deferInQuietHours(clock.instant());
            while (dispatchBatch() == config.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warnf("SMS dispatch stopped, the next run takes over: %s", e.toString());
        }
    }

    /** In quiet hours, moves every due non-urgent SMS to their end, in one statement. */
    void deferInQuietHours(Instant now) {
        Optional<Instant> end = quietHours.deferredUntil(now, false);
        if (end.isEmpty()) {
            return;
        }
        int deferred = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        update notification set next_attempt_at = ?1
                        where channel = 'SMS' and status in ('QUEUED', 'RETRYING') and not urgent and next_attempt_at <= ?2""")
                .setParameter(1, end.get()).setParameter(2, now).executeUpdate());
        metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "deferred").increment(deferred);
    }

    /** Claims and submits one batch; returns how many it claimed (fewer than a batch: nothing more to do now). */
    int dispatchBatch() {
        Instant now = clock.instant();
        long budget = config.hourlyCap() - partsInTheLastHour(now);
        if (budget <= 0) {
            capReached();
            return 0; // nothing is claimed: the due SMS stay as they are until the last hour has room
        }
        List<ClaimedMessage> claimed = claims.claim(Channel.SMS, now, dispatch.lease(), config.batchSize());
        Settlement held = new Settlement(Channel.SMS);
        boolean capped = false;
        Optional<Instant> quietUntil = quietHours.deferredUntil(now, false);
        Map<ClaimedMessage, SmsEncoding> toSubmit = new LinkedHashMap<>();
        for (ClaimedMessage message : claimed) {
            if (!message.urgent() && quietUntil.isPresent()) {
                held.release(message, quietUntil.get()); // quiet hours began meanwhile
                continue;
            }
            SmsEncoding encoding;
            try {
                encoding = SmsEncoding.of(templates.sms(message.template(), message.language(), message.parameters()));
            } catch (RuntimeException e) {
                held.failed(message, "cannot render: " + e.getMessage(), now);
                count("failed");
                continue;
            }
            if (encoding.parts().size() > budget) {
                capped = true; // goes when the last hour has room again
                held.release(message, now);
                continue;
            }
            budget -= encoding.parts().size();
            toSubmit.put(message, encoding);
        }
        if (!held.isEmpty()) {
            Dispatch.settle(Channel.SMS, dispatch.settlePatience(), () -> held.write(entityManager));
        }
        List<ClaimedMessage> notStarted = SendWindow.send(new ArrayList<>(toSubmit.keySet()), config.window(),
                message -> CompletableFuture.supplyAsync(() -> submit(message, toSubmit.get(message)), window),
                outcomes -> {
                    record(outcomes);
                    return true;
                }, dispatch.sendingTime());
        Dispatch.release(entityManager, Channel.SMS, notStarted, clock.instant(), dispatch.settlePatience());
        if (capped) {
            capReached();
        }
        return claimed.size();
    }

    private void capReached() {
        metrics.counter("esim.notification.sms.hourly.cap.hits").increment();
        LOG.warnf("hourly SMS cap of %d parts reached: SMS wait until the last hour has room", config.hourlyCap());
    }

    private Outcome submit(ClaimedMessage message, SmsEncoding encoding) {
        try {
            pace.asBlocking().consume(encoding.parts().size());
            return new Outcome(message, link.submit(message.destination(), encoding), null);
        } catch (SmppLink.SubmitFailure failure) {
            return new Outcome(message, List.of(), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(message, List.of(), new SmppLink.SubmitFailure("interrupted", false, true));
        } catch (RuntimeException e) {
            return new Outcome(message, List.of(), new SmppLink.SubmitFailure(String.valueOf(e), false, false));
        }
    }

    /** Settles submits: SENT with its parts, RETRYING, FAILED, or released when the link was down. */
    private void record(List<Outcome> outcomes) {
        Instant now = clock.instant(); // when the SMS centre took them: the hourly cap counts from then
        Settlement settlement = new Settlement(Channel.SMS);
        List<Outcome> submitted = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            ClaimedMessage message = outcome.message();
            SmppLink.SubmitFailure failure = outcome.failure();
            if (failure == null) {
                settlement.sent(message, now);
                submitted.add(outcome);
                count("sent");
            } else if (failure.linkDown()) {
                settlement.release(message, now); // the link comes back, the message goes then
            } else if (failure.permanent() || message.attempts() + 1 >= config.maxAttempts()) {
                settlement.failed(message, failure.getMessage(), now);
                count("failed");
            } else {
                settlement.retry(message, now.plus(Dispatch.backoff(config.retryBase(), config.retryMax(),
                        message.attempts() + 1)), failure.getMessage());
                count("retry");
            }
        }
        Dispatch.settle(Channel.SMS, dispatch.settlePatience(), () -> {
            // the parts' locks first, as a receipt takes them, then the messages' rows
            submitted.forEach(outcome -> outcome.messageIds().forEach(receipts::lock));
            Set<UUID> settled = settlement.write(entityManager).stream().map(ClaimedMessage::id).collect(Collectors.toSet());
            for (Outcome outcome : submitted) {
                if (settled.contains(outcome.message().id())) {
                    recordParts(outcome, now);
                }
            }
            return settled;
        });
    }

    private void recordParts(Outcome outcome, Instant now) {
        for (int i = 0; i < outcome.messageIds().size(); i++) {
            entityManager.createNativeQuery("""
                            insert into sms_part (smsc_message_id, notification_id, part, submitted_at) values (?1, ?2, ?3, ?4)
                            on conflict do nothing""")
                    .setParameter(1, outcome.messageIds().get(i)).setParameter(2, outcome.message().id())
                    .setParameter(3, i + 1).setParameter(4, now).executeUpdate();
        }
        outcome.messageIds().forEach(receipts::recorded);
    }

    private long partsInTheLastHour(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from sms_part where submitted_at > ?1")
                .setParameter(1, Timestamp.from(now.minus(Duration.ofHours(1)))).getSingleResult()).longValue());
    }

    private void count(String outcome) {
        metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", outcome).increment();
    }

    @PreDestroy
    void close() {
        window.shutdownNow();
    }
}
