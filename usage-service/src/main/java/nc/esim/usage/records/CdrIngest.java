package nc.esim.usage.records;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.usage.allowances.Allowance;
import nc.esim.usage.allowances.AllowanceRepository;
import nc.esim.usage.allowances.Rating;

/**
 * Handles one batch of {@code esim.cdr.v1}: refuses what cannot be counted (to the rejected topic,
 * with its reason), rates the rest against the allowances and stores them exactly once.
 *
 * <p>Why totals stay exact: offsets are committed to Kafka only after this returns (at-least-once
 * delivery), and {@link UsageRecordStore} makes a second delivery a no-op (the record's identity is
 * the primary key and only inserted rows feed the totals, in the same transaction). A crash between
 * the database commit and the offset commit only means the batch is handed over again and changes
 * nothing. A rejected record may be published twice in that case; its source offset header tells.
 */
@ApplicationScoped
public class CdrIngest implements ConsumerLoop.BatchHandler {
    private final CdrValidator validator;
    private final AllowanceRepository allowances;
    private final UsageRecordStore store;
    private final RejectedRecords rejected;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry metrics;

    public CdrIngest(CdrValidator validator, AllowanceRepository allowances, UsageRecordStore store,
                     RejectedRecords rejected, DataSource dataSource, Clock clock, MeterRegistry metrics) {
        this.validator = validator;
        this.allowances = allowances;
        this.store = store;
        this.rejected = rejected;
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> batch) throws Exception {
        Instant now = clock.instant();
        List<CdrV1> accepted = new ArrayList<>(batch.count());
        List<RejectedRecords.Rejection> rejections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            CdrCheck check = validator.check(record.value(), now);
            if (check instanceof CdrCheck.Accepted a) {
                accepted.add(a.cdr());
            } else if (check instanceof CdrCheck.Refused r) {
                rejections.add(new RejectedRecords.Rejection(record, r.reason().name(), r.detail()));
            }
        }
        int inserted = accepted.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> storeRated(accepted, now));
        rejected.publish(rejections);

        metrics.counter("esim.cdr.received").increment(batch.count());
        metrics.counter("esim.cdr.accepted").increment(inserted);
        metrics.counter("esim.cdr.duplicates").increment(accepted.size() - inserted);
        for (RejectedRecords.Rejection rejection : rejections) {
            metrics.counter("esim.cdr.rejected", "reason", rejection.reason()).increment();
        }
    }

    private int storeRated(List<CdrV1> accepted, Instant now) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> iccids = new LinkedHashSet<>();
            accepted.forEach(cdr -> iccids.add(cdr.iccid()));
            Map<String, List<Allowance>> byIccid = allowances.byIccids(connection, iccids);
            List<UsageRecordStore.RatedCdr> rated = new ArrayList<>(accepted.size());
            for (var cdr : accepted) {
                rated.add(new UsageRecordStore.RatedCdr(cdr, Rating.allowanceFor(
                        byIccid.getOrDefault(cdr.iccid(), List.of()), cdr.type(), cdr.startTime())));
            }
            return store.insertNew(connection, rated, now);
        }
    }
}
