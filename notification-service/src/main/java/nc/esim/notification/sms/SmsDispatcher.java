package nc.esim.notification.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.events.MessageParameters;
import nc.esim.notification.queue.DeliveryFacts;
import nc.esim.notification.queue.Dispatch;
import nc.esim.notification.templates.MessageTemplates;

/**
 * Sends the due SMS over the SMPP link. A batch of QUEUED or RETRYING SMS is claimed ({@code for update
 * skip locked}); a non-urgent one in quiet hours is deferred to their end (stored, so a restart keeps it
 * deferred); the rest are submitted {@code window} at a time, paced to the SMS centre's rate, within the
 * global hourly cap of parts (beyond it they wait: every part costs money). A submitted message is SENT
 * until its delivery receipts make it DELIVERED or FAILED ({@link SmsReceipts}); a refused one is FAILED
 * (permanent status) or RETRYING with a doubling wait; while the link is down nothing is attempted.
 */
@ApplicationScoped
public class SmsDispatcher {
    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);

    private final EntityManager entityManager;
    private final MessageTemplates templates;
    private final SmppLink link;
    private final SmsReceipts receipts;
    private final SmsConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final QuietHours quietHours;
    private final ExecutorService window;
    private final Bucket pace;

    public SmsDispatcher(EntityManager entityManager, MessageTemplates templates, SmppLink link, SmsReceipts receipts,
                         SmsConfig config, Clock clock, MeterRegistry metrics) {
        this.receipts = receipts;
        this.entityManager = entityManager;
        this.templates = templates;
        this.link = link;
        this.config = config;
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

    private record Due(UUID id, String causeEventId, String iccid, String destination, String template, String language,
                       MessageParameters parameters, int attempts, boolean urgent) {
    }

    /** What became of one submit. */
    private record Outcome(Due due, List<String> messageIds, SmppLink.SubmitFailure failure) {
    }

    @Scheduled(every = "${notification.sms.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        if (!link.bound()) {
            return; // nothing is attempted while the link is down: messages wait, attempts are not spent
        }
        Dispatch.drain("SMS", config.batchSize(), this::dispatchBatch);
    }

    /** Sends one batch; returns how many SMS it submitted or deferred (fewer than a batch: nothing more to do now). */
    int dispatchBatch() {
        Instant now = clock.instant();
        long budget = config.hourlyCap() - partsInTheLastHour(now);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, cause_event_id, iccid, destination, template, language, cast(parameters as text), attempts,
                               urgent
                        from notification
                        where channel = 'SMS' and status in ('QUEUED', 'RETRYING') and next_attempt_at <= ?1
                        order by urgent desc, next_attempt_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
        int handled = 0;
        boolean capped = false;
        List<CompletableFuture<Outcome>> submits = new ArrayList<>();
        for (Object[] row : rows) {
            Due due = new Due((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], MessageParameters.fromJson((String) row[6]), ((Number) row[7]).intValue(),
                    (Boolean) row[8]);
            Optional<Instant> deferred = quietHours.deferredUntil(now, due.urgent());
            if (deferred.isPresent()) {
                entityManager.createNativeQuery("update notification set next_attempt_at = ?1 where id = ?2")
                        .setParameter(1, deferred.get()).setParameter(2, due.id()).executeUpdate();
                metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "deferred").increment();
                handled++;
                continue;
            }
            SmsEncoding encoding = SmsEncoding.of(templates.sms(due.template(), due.language(), due.parameters()));
            if (encoding.parts().size() > budget) {
                capped = true; // stays due: it goes when the last hour has room again
                continue;
            }
            budget -= encoding.parts().size();
            handled++;
            submits.add(CompletableFuture.supplyAsync(() -> submit(due, encoding), window));
        }
        for (CompletableFuture<Outcome> submit : submits) {
            record(submit.join(), clock.instant()); // when the SMS centre took it: the hourly cap counts from then
        }
        if (capped) {
            metrics.counter("esim.notification.sms.hourly.cap.hits").increment();
            LOG.warnf("hourly SMS cap of %d parts reached: SMS wait until the last hour has room", config.hourlyCap());
        }
        return handled;
    }

    private Outcome submit(Due due, SmsEncoding encoding) {
        try {
            pace.asBlocking().consume(encoding.parts().size());
            return new Outcome(due, link.submit(due.destination(), encoding), null);
        } catch (SmppLink.SubmitFailure failure) {
            return new Outcome(due, List.of(), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(due, List.of(), new SmppLink.SubmitFailure("interrupted", false, true));
        }
    }

    private void record(Outcome outcome, Instant now) {
        Due due = outcome.due();
        if (outcome.failure() == null) {
            for (int i = 0; i < outcome.messageIds().size(); i++) {
                receipts.lock(outcome.messageIds().get(i));
                entityManager.createNativeQuery("""
                                insert into sms_part (smsc_message_id, notification_id, part, submitted_at) values (?1, ?2, ?3, ?4)
                                on conflict do nothing""")
                        .setParameter(1, outcome.messageIds().get(i)).setParameter(2, due.id()).setParameter(3, i + 1)
                        .setParameter(4, now).executeUpdate();
            }
            entityManager.createNativeQuery("""
                            update notification set status = 'SENT', sent_at = ?1, attempts = attempts + 1, last_error = null
                            where id = ?2""").setParameter(1, now).setParameter(2, due.id()).executeUpdate();
            DeliveryFacts.publish(entityManager, due.id().toString(), due.iccid(), "SMS", due.template(), due.language(),
                    "SENT", due.causeEventId(), now);
            outcome.messageIds().forEach(receipts::recorded);
            metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "sent").increment();
            return;
        }
        SmppLink.SubmitFailure failure = outcome.failure();
        if (failure.linkDown()) {
            return; // left as it was: the link comes back, the message goes then
        }
        int attempts = due.attempts() + 1;
        if (failure.permanent() || attempts >= config.maxAttempts()) {
            entityManager.createNativeQuery("""
                            update notification set status = 'FAILED', attempts = ?1, last_error = ?2 where id = ?3""")
                    .setParameter(1, attempts).setParameter(2, failure.getMessage()).setParameter(3, due.id()).executeUpdate();
            DeliveryFacts.publish(entityManager, due.id().toString(), due.iccid(), "SMS", due.template(), due.language(),
                    "FAILED", due.causeEventId(), now);
            metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "failed").increment();
            return;
        }
        Dispatch.retryLater(entityManager, due.id(), attempts,
                now.plus(Dispatch.backoff(config.retryBase(), config.retryMax(), attempts)), failure.getMessage());
        metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "retry").increment();
    }

    private long partsInTheLastHour(Instant now) {
        return ((Number) entityManager.createNativeQuery("select count(*) from sms_part where submitted_at > ?1")
                .setParameter(1, Timestamp.from(now.minus(Duration.ofHours(1)))).getSingleResult()).longValue();
    }

    @PreDestroy
    void close() {
        window.shutdownNow();
    }
}
