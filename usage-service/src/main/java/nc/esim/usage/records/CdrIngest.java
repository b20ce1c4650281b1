package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.util.PSQLState;

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
 * database transaction, under the locks of its ICCIDs ({@link IccidLocks}): only records not stored
 * before are rated and inserted, and the totals grow by exactly what was inserted. A crash before the
 * commit changes nothing.
 *
 * <p>Which records were stored before. A record whose identity {@link RecentlyCounted} holds was
 * committed before: it is dropped, as is a record repeated within the batch. The others are inserted
 * without looking them up first, and the unique identity index refuses one that was stored after all (an
 * old resend, a batch handed over again, a replay): the transaction rolls back and the batch is counted
 * again with every record looked up in usage_record, only the others rated and inserted. Its partitions stay in that mode while their
 * lookups keep finding stored records (a replay goes on), then go back to inserting straight away.
 * The rated events of a batch are sent only once its load has been accepted, so an attempt the unique
 * index refused sent none.
 *
 * <p>A rejected record may be published twice if the service dies between the commit and the offset
 * commit; its source offset header tells.
 */
@ApplicationScoped
public class CdrIngest implements ConsumerLoop.BatchHandler {
    private static final String UNIQUE_VIOLATION = PSQLState.UNIQUE_VIOLATION.getState();
    private final CdrValidator validator;
    private final AllowanceRepository allowances;
    private final IccidLocks locks;
    private final UsageRecordStore store;
    private final RecordPartitions partitions;
    private final UsageAlerts alerts;
    private final RecentlyCounted recent;
    private final UsageRecordedStream recordedStream;
    private final RejectedRecords rejected;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry metrics;

    public CdrIngest(CdrValidator validator, AllowanceRepository allowances, IccidLocks locks, UsageRecordStore store,
                     RecordPartitions partitions, UsageAlerts alerts, RecentlyCounted recent,
                     UsageRecordedStream recordedStream,
                     RejectedRecords rejected, DataSource dataSource, Clock clock, MeterRegistry metrics) {
        this.validator = validator;
        this.allowances = allowances;
        this.locks = locks;
        this.store = store;
        this.partitions = partitions;
        this.alerts = alerts;
        this.recent = recent;
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
        List<CdrV1> candidates = new ArrayList<>(batch.count());
        List<RecordKey> keysOfCandidates = new ArrayList<>(batch.count());
        Set<RecordKey> inBatch = new HashSet<>(batch.count() * 4 / 3 + 1);
        Map<TopicPartition, List<RecordKey>> candidateKeys = new LinkedHashMap<>();
        List<RejectedRecords.Rejection> rejections = new ArrayList<>();
        int repeated = 0;
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (TopicPartition partition : batch.partitions()) {
            RecentlyCounted.Window window = recent.of(partition);
            List<RecordKey> keys = new ArrayList<>();
            candidateKeys.put(partition, keys);
            for (ConsumerRecord<String, byte[]> record : batch.records(partition)) {
                CdrCheck check = validator.check(record.key(), record.value(), now);
                if (check instanceof CdrCheck.Accepted a) {
                    RecordKey key = RecordKey.of(a.cdr());
                    if (window.isCounted(key) || !inBatch.add(key)) { // counted, or repeated in the batch
                        repeated++;
                        continue;
                    }
                    candidates.add(a.cdr());
                    keysOfCandidates.add(key);
                    keys.add(key);
                    earliest = a.cdr().startTime().isBefore(earliest) ? a.cdr().startTime() : earliest;
                    latest = a.cdr().startTime().isAfter(latest) ? a.cdr().startTime() : latest;
                } else if (check instanceof CdrCheck.Refused r) {
                    rejections.add(new RejectedRecords.Rejection(record, r.reason().name(), r.detail()));
                }
            }
        }
        phase("validate", validating);
        int counted = 0;
        if (!candidates.isEmpty()) {
            partitions.ensureBetween(earliest, latest);
            long started = System.nanoTime();
            boolean lookUp = batch.partitions().stream().anyMatch(p -> recent.of(p).mustLookUp());
            Counted result;
            try {
                result = QuarkusTransaction.requiringNew().call(() -> count(candidates, keysOfCandidates, now, lookUp));
            } catch (RuntimeException e) {
                if (lookUp || !isUniqueViolation(e)) {
                    throw e; // with every record looked up, only a concurrent writer could conflict: retry the batch
                }
                batch.partitions().forEach(p -> recent.of(p).lookUpFromNowOn());
                metrics.counter("esim.cdr.lookup.fallbacks").increment();
                result = QuarkusTransaction.requiringNew().call(() -> count(candidates, keysOfCandidates, now, true));
            }
            phase("transaction", started);
            counted = result.inserted();
            boolean lookUpNext = result.lookedUp() && result.foundStored() > 0;
            candidateKeys.forEach((partition, keys) -> recent.of(partition).committed(keys, lookUpNext));
        }
        rejected.publish(rejections);

        metrics.counter("esim.cdr.received").increment(batch.count());
        metrics.counter("esim.cdr.accepted").increment(counted);
        metrics.counter("esim.cdr.duplicates").increment(candidates.size() + repeated - counted);
        for (RejectedRecords.Rejection rejection : rejections) {
            metrics.counter("esim.cdr.rejected", "reason", rejection.reason()).increment();
        }
    }

    /** What one transaction did: records inserted, whether it looked records up, and how many it found stored. */
    private record Counted(int inserted, boolean lookedUp, int foundStored) {
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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

    /**
     * Rates and stores the records (none repeated, {@code keys} theirs, in order) not counted before.
     * With {@code lookUp} false, every record is taken for new and the unique index refuses the
     * transaction if one was not.
     */
    private Counted count(List<CdrV1> accepted, List<RecordKey> keys, Instant now, boolean lookUp) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> iccids = new LinkedHashSet<>();
            accepted.forEach(cdr -> iccids.add(cdr.iccid()));
            long mark = System.nanoTime();
            locks.lock(connection, iccids);
            mark = phase("lock", mark);

            Set<RecordKey> stored = lookUp ? store.existing(connection, accepted) : Set.of();
            List<CdrV1> fresh = accepted;
            if (!stored.isEmpty()) {
                fresh = new ArrayList<>(accepted.size());
                for (int i = 0; i < accepted.size(); i++) {
                    if (!stored.contains(keys.get(i))) {
                        fresh.add(accepted.get(i));
                    }
                }
            }
            mark = phase("deduplicate", mark);
            if (fresh.isEmpty()) {
                return new Counted(0, lookUp, stored.size());
            }
            Map<String, List<AllowanceBalance>> balances = allowances.balancesOf(connection, iccids);
            TotalsDelta totals = new TotalsDelta();
            List<UsageRecordStore.RatedRecord> rated = new ArrayList<>(fresh.size());
            for (CdrV1 cdr : fresh) {
                Rating.Rated rating = Rating.rate(balances.getOrDefault(cdr.iccid(), List.of()), cdr.type(),
                        cdr.startTime(), UsageRecordStore.quantityOf(cdr));
                rated.add(new UsageRecordStore.RatedRecord(cdr, rating));
                totals.count(cdr.iccid(), cdr.type(), cdr.startTime(), rating);
            }
            mark = phase("rate", mark);
            var preparing = recordedStream.prepareAsync(rated, now); // serialised while the records load
            store.insert(connection, rated, totals, now);
            var sending = recordedStream.sendAsync(preparing); // the load was accepted: send, during the alerts
            mark = phase("store", mark);
            alerts.raiseCrossed(connection, balances.values().stream().flatMap(List::stream).toList(), now);
            mark = phase("alerts", mark);
            sending.join().awaitAcknowledged();
            phase("publish-wait", mark);
            return new Counted(rated.size(), lookUp, stored.size());
        }
    }
}
