package nc.esim.console.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import nc.esim.console.ConsoleConfig;
import nc.esim.console.sources.BillingReports;
import nc.esim.console.sources.DeliveryReports;
import nc.esim.console.sources.KafkaLag;
import nc.esim.console.sources.RejectedRecordsTail;
import nc.esim.console.sources.ServiceHealth;
import nc.esim.console.sources.UsageMetrics;
import nc.esim.contracts.Zones;
import nc.esim.support.privacy.PersonalData;

/**
 * Asks every source at once on each refresh and keeps the latest {@link ConsoleSnapshot}; the event
 * stream hands it to every open page. A source slower than its timeout counts as unavailable for that
 * refresh, so one stuck part never holds back the others' figures. Consumer lag also goes to the
 * console's own metrics ({@code esim_kafka_consumer_lag_records} and {@code _seconds}), and so does the
 * health of every part ({@code esim_platform_part_up}).
 */
@ApplicationScoped
public class SnapshotCollector {
    private final ConsoleConfig config;
    private final ServiceHealth health;
    private final UsageMetrics usage;
    private final BillingReports billing;
    private final DeliveryReports deliveries;
    private final KafkaLag kafka;
    private final RejectedRecordsTail rejected;
    private final Clock clock;
    private final IngestHistory history;
    private final MultiGauge lagRecords;
    private final MultiGauge lagSeconds;
    private final MultiGauge partsUp;
    private final ExecutorService kafkaCalls = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-kafka");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ConsoleSnapshot> latest = new AtomicReference<>();

    public SnapshotCollector(ConsoleConfig config, ServiceHealth health, UsageMetrics usage, BillingReports billing,
                             DeliveryReports deliveries, KafkaLag kafka, RejectedRecordsTail rejected, Clock clock,
                             MeterRegistry registry) {
        this.config = config;
        this.health = health;
        this.usage = usage;
        this.billing = billing;
        this.deliveries = deliveries;
        this.kafka = kafka;
        this.rejected = rejected;
        this.clock = clock;
        this.history = new IngestHistory(config.ingestHistory());
        this.lagRecords = MultiGauge.builder("esim.kafka.consumer.lag.records")
                .description("Records not yet consumed, per consumer group and partition").register(registry);
        this.lagSeconds = MultiGauge.builder("esim.kafka.consumer.lag.seconds")
                .description("Age of the oldest record not yet consumed, per consumer group and partition")
                .baseUnit("seconds").register(registry);
        this.partsUp = MultiGauge.builder("esim.platform.part.up")
                .description("1 while a part of the platform is up as the console sees it, 0 while down").register(registry);
    }

    /** The latest snapshot; null before the first refresh. */
    public ConsoleSnapshot latest() {
        return latest.get();
    }

    @Scheduled(every = "${console.refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        ConsoleSnapshot snapshot = collect();
        latest.set(snapshot);
        partsUp.register(snapshot.health().stream().filter(part -> part.status() != ConsoleSnapshot.Status.UNKNOWN)
                .map(part -> MultiGauge.Row.of(Tags.of("part", part.name()), part.status() == ConsoleSnapshot.Status.UP ? 1 : 0))
                .map(row -> (MultiGauge.Row<?>) row).toList(), true);
    }

    ConsoleSnapshot collect() {
        Instant at = clock.instant();
        var sources = config.sources();
        var billingHealth = health.check("billing-service", sources.billing());
        var usageHealth = health.check("usage-service", sources.usage());
        var notificationHealth = health.check("notification-service", sources.notification());
        var counters = usage.ingest();
        var sales = billing.salesToday();
        var expiring = billing.expiring();
        var delivered = deliveries.today();
        var kafkaUp = CompletableFuture.supplyAsync(kafka::clusterAnswers, kafkaCalls);
        var lag = CompletableFuture.supplyAsync(() -> {
            try {
                return kafka.lag();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, kafkaCalls);

        long waitMillis = sources.timeout().toMillis() + 1_500;
        UsageMetrics.IngestCounters ingest = await(counters, waitMillis);
        Double rate = history.record(at, ingest == null ? null : ingest.received());
        List<KafkaLag.PartitionLag> lags = await(lag, waitMillis);
        publishLag(lags);
        DeliveryReports.Deliveries notifications = await(delivered, waitMillis);

        List<ConsoleSnapshot.Part> parts = new ArrayList<>();
        List<ServiceHealth.Report> services = new ArrayList<>();
        for (var check : List.of(billingHealth, usageHealth, notificationHealth)) {
            ServiceHealth.Report report = await(check, waitMillis);
            if (report == null) {
                continue; // cannot happen: a health check that fails or times out answers "unreachable"
            }
            services.add(report);
            parts.add(new ConsoleSnapshot.Part(report.service(),
                    report.up() ? ConsoleSnapshot.Status.UP : ConsoleSnapshot.Status.DOWN,
                    report.up() ? "up" : report.reachable() ? "down: " + String.join(", ", report.downChecks())
                            : "no health answer within " + sources.timeout().toMillis() + " ms"));
        }
        Boolean kafkaAnswers = await(kafkaUp, waitMillis);
        parts.add(new ConsoleSnapshot.Part("kafka", Boolean.TRUE.equals(kafkaAnswers) ? ConsoleSnapshot.Status.UP
                : ConsoleSnapshot.Status.DOWN, Boolean.TRUE.equals(kafkaAnswers) ? "brokers answer" : "no broker answers"));
        parts.add(postgres(services));
        parts.add(new ConsoleSnapshot.Part("sms-centre", notifications == null ? ConsoleSnapshot.Status.UNKNOWN
                : notifications.smppLinkUp() ? ConsoleSnapshot.Status.UP : ConsoleSnapshot.Status.DOWN,
                notifications == null ? "notification-service did not say" : notifications.smppLinkUp()
                        ? "SMPP link bound" : "SMPP link down"));

        return new ConsoleSnapshot(at, LocalDate.ofInstant(at, Zones.NOUMEA),
                new ConsoleSnapshot.Pipeline(rate, history.points(), ingest, lags, rejected.latest()),
                await(sales, waitMillis), lifecycle(await(expiring, waitMillis)), notifications, parts);
    }

    /** PostgreSQL as the services see it: each has one database on it, and reports its connection check. */
    private static ConsoleSnapshot.Part postgres(List<ServiceHealth.Report> services) {
        long up = services.stream().filter(s -> Boolean.TRUE.equals(s.database())).count();
        long down = services.stream().filter(s -> Boolean.FALSE.equals(s.database())).count();
        if (down > 0) {
            return new ConsoleSnapshot.Part("postgresql", ConsoleSnapshot.Status.DOWN,
                    down + " of " + (up + down) + " services cannot reach their database");
        }
        return up > 0 ? new ConsoleSnapshot.Part("postgresql", ConsoleSnapshot.Status.UP, "every service reaches its database")
                : new ConsoleSnapshot.Part("postgresql", ConsoleSnapshot.Status.UNKNOWN, "no service answered");
    }

    private ConsoleSnapshot.Lifecycle lifecycle(BillingReports.Expiring expiring) {
        if (expiring == null) {
            return null;
        }
        return new ConsoleSnapshot.Lifecycle(config.expiringHours(), expiring.count(), expiring.subscriptions().stream()
                .map(s -> new ConsoleSnapshot.Expiring(PersonalData.iccid(s.iccid()), s.planCode(), s.status(),
                        s.validUntil(), s.autoRenew())).toList());
    }

    private void publishLag(List<KafkaLag.PartitionLag> lags) {
        if (lags == null) {
            return; // Kafka did not answer: keep the last figures rather than claim there is no lag
        }
        List<MultiGauge.Row<?>> records = new ArrayList<>();
        List<MultiGauge.Row<?>> seconds = new ArrayList<>();
        for (KafkaLag.PartitionLag lag : lags) {
            Tags tags = Tags.of("group", lag.group(), "topic", lag.topic(), "partition", String.valueOf(lag.partition()));
            records.add(MultiGauge.Row.of(tags, lag.records()));
            if (lag.seconds() != null) {
                seconds.add(MultiGauge.Row.of(tags, lag.seconds()));
            }
        }
        lagRecords.register(records, true);
        lagSeconds.register(seconds, true);
    }

    private static <T> T await(CompletableFuture<T> future, long millis) {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @PreDestroy
    void close() {
        kafkaCalls.shutdownNow();
    }
}
