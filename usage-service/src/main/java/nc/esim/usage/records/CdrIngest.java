package nc.esim.usage.records;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.usage.alerts.UsageAlerts;
import nc.esim.usage.allowances.AllowanceBalance;
import nc.esim.usage.allowances.AllowanceRepository;
import nc.esim.usage.allowances.IccidLocks;
import nc.esim.usage.allowances.Rating;

/**
 * Handles one batch of {@code esim.cdr.v1}: refuses what cannot be counted (to the rejected topic,
 * with its reason), rates the rest against the allowances and counts each record exactly once.
 *
 * <p>Why totals stay exact. Offsets are committed to Kafka only after this returns, so a batch may be
 * handed over again (crash, rebalance, replay from offset 0). Everything a batch changes happens in one
 * database transaction, under the locks of its ICCIDs ({@link IccidLocks}): the records already stored
 * are looked up, only the others are rated and inserted, and the totals grow by exactly what was
 * inserted. A batch handed over again finds all its records stored and changes nothing; a crash before
 * the commit changed nothing to begin with. The unique identity index stays the last guard: a record
 * stored meanwhile despite the locks fails the whole transaction, which is retried.
 *
 * <p>A rejected record may be published twice if the service dies between the commit and the offset
 * commit; its source offset header tells.
 */
@ApplicationScoped
public class CdrIngest implements ConsumerLoop.BatchHandler {
    private final CdrValidator validator;
    private final AllowanceRepository allowances;
    private final IccidLocks locks;
    private final UsageRecordStore store;
    private final RecordPartitions partitions;
    private final UsageAlerts alerts;
    private final UsageRecordedStream recordedStream;
    private final RejectedRecords rejected;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry metrics;

    public CdrIngest(CdrValidator validator, AllowanceRepository allowances, IccidLocks locks, UsageRecordStore store,
                     RecordPartitions partitions, UsageAlerts alerts, UsageRecordedStream recordedStream,
                     RejectedRecords rejected, DataSource dataSource, Clock clock, MeterRegistry metrics) {
        this.validator = validator;
        this.allowances = allowances;
        this.locks = locks;
        this.store = store;
        this.partitions = partitions;
        this.alerts = alerts;
        this.recordedStream = recordedStream;
        this.rejected = rejected;
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> batch) throws Exception {
        Instant now = clock.instant();
        long validating = System.nanoTime();
        List<CdrV1> accepted = new ArrayList<>(batch.count());
        List<RejectedRecords.Rejection> rejections = new ArrayList<>();
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (ConsumerRecord<String, byte[]> record : batch) {
            CdrCheck check = validator.check(record.value(), now);
            if (check instanceof CdrCheck.Accepted a) {
                accepted.add(a.cdr());
                earliest = a.cdr().startTime().isBefore(earliest) ? a.cdr().startTime() : earliest;
                latest = a.cdr().startTime().isAfter(latest) ? a.cdr().startTime() : latest;
            } else if (check instanceof CdrCheck.Refused r) {
                rejections.add(new RejectedRecords.Rejection(record, r.reason().name(), r.detail()));
            }
        }
        phase("validate", validating);
        int counted = 0;
        if (!accepted.isEmpty()) {
            partitions.ensureBetween(earliest, latest);
            long started = System.nanoTime();
            counted = QuarkusTransaction.requiringNew().call(() -> count(accepted, now));
            phase("transaction", started);
        }
        rejected.publish(rejections);

        metrics.counter("esim.cdr.received").increment(batch.count());
        metrics.counter("esim.cdr.accepted").increment(counted);
        metrics.counter("esim.cdr.duplicates").increment(accepted.size() - counted);
        for (RejectedRecords.Rejection rejection : rejections) {
            metrics.counter("esim.cdr.rejected", "reason", rejection.reason()).increment();
        }
    }

    /**
     * Records the time since {@code since} in {@code esim.cdr.batch.phase{phase}} (where a batch's time
     * goes: the benchmark prints it) and returns now.
     */
    private long phase(String name, long since) {
        long now = System.nanoTime();
        metrics.timer("esim.cdr.batch.phase", "phase", name).record(now - since, TimeUnit.NANOSECONDS);
        return now;
    }

    /** Rates and stores the records not counted before; returns how many were new. */
    private int count(List<CdrV1> accepted, Instant now) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> iccids = new LinkedHashSet<>();
            accepted.forEach(cdr -> iccids.add(cdr.iccid()));
            long mark = System.nanoTime();
            locks.lock(connection, iccids);
            mark = phase("lock", mark);

            Set<RecordKey> seen = new HashSet<>(store.existing(connection, accepted));
            List<CdrV1> fresh = new ArrayList<>(accepted.size());
            for (CdrV1 cdr : accepted) {
                if (seen.add(RecordKey.of(cdr))) { // also drops a record repeated within the batch
                    fresh.add(cdr);
                }
            }
            mark = phase("deduplicate", mark);
            if (fresh.isEmpty()) {
                return 0;
            }
            Map<String, List<AllowanceBalance>> balances = allowances.balancesOf(connection, iccids);
            TotalsDelta totals = new TotalsDelta();
            List<UsageRecordStore.RatedRecord> rated = new ArrayList<>(fresh.size());
            for (CdrV1 cdr : fresh) {
                Rating.Rated rating = Rating.rate(balances.getOrDefault(cdr.iccid(), List.of()), cdr.type(),
                        cdr.startTime(), UsageRecordStore.quantityOf(cdr));
                rated.add(new UsageRecordStore.RatedRecord(cdr, rating));
                totals.count(cdr.iccid(), cdr.type(), rating);
            }
            mark = phase("rate", mark);
            var sending = recordedStream.publishAsync(rated, now); // overlaps the insert below
            store.insert(connection, rated, totals, now);
            mark = phase("store", mark);
            alerts.raiseCrossed(connection, balances.values().stream().flatMap(List::stream).toList(), now);
            mark = phase("alerts", mark);
            sending.join().awaitAcknowledged();
            phase("publish-wait", mark);
            return rated.size();
        }
    }
}
