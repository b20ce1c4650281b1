package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.Topics;
import nc.esim.contracts.usage.UsageRecordedV1;
import nc.esim.support.outbox.OutboxWriter;
import nc.esim.usage.alerts.UsageAlerts;
import nc.esim.usage.allowances.Allowance;
import nc.esim.usage.allowances.AllowanceBalance;
import nc.esim.usage.allowances.AllowanceRepository;
import nc.esim.usage.allowances.Draw;
import nc.esim.usage.allowances.Rating;

/**
 * A CDR can arrive before the subscription event of the allowance that covers it: it is then counted
 * out of bundle. When an allowance is granted or changed, the out-of-bundle usage of its ICCID within
 * its validity is rated again, oldest first, and moved into the bundle as far as the quotas go. Runs in
 * the transaction that applies the allowance, under the ICCID's lock; the re-rated records go to
 * {@code esim.usage.recorded.v1} through the outbox, with the next rating version.
 */
@ApplicationScoped
public class ReRating {
    private final UsageRecordStore store;
    private final AllowanceRepository allowances;
    private final UsageAlerts alerts;

    public ReRating(UsageRecordStore store, AllowanceRepository allowances, UsageAlerts alerts) {
        this.store = store;
        this.allowances = allowances;
        this.alerts = alerts;
    }

    /** Re-rates what {@code granted} may now cover; returns how many records changed. */
    public int afterGrant(Connection connection, Allowance granted, Instant now) throws SQLException {
        String iccid = granted.iccid();
        List<UsageRecordStore.OutOfBundleRecord> candidates =
                store.notWhollyInBundle(connection, iccid, granted.validFrom(), granted.validUntil());
        if (candidates.isEmpty()) {
            return 0;
        }
        List<AllowanceBalance> balances = allowances.balancesOf(connection, List.of(iccid)).getOrDefault(iccid, List.of());
        TotalsDelta totals = new TotalsDelta();
        List<UsageRecordStore.OutOfBundleRecord> rerated = new ArrayList<>();
        for (UsageRecordStore.OutOfBundleRecord record : candidates) {
            Rating.Rated drawnNow = Rating.rate(balances, record.type(), record.key().startTime(), record.outOfBundle());
            if (drawnNow.draws().isEmpty()) {
                continue;
            }
            var after = new UsageRecordStore.OutOfBundleRecord(record.key(), record.type(), record.quantity(),
                    merge(record.draws(), drawnNow.draws()), record.ratingVersion() + 1);
            totals.moveIntoBundle(iccid, record.type(), record.key().startTime(), drawnNow, record.home(), after.home());
            rerated.add(after);
        }
        if (rerated.isEmpty()) {
            return 0;
        }
        store.updateRatings(connection, rerated);
        totals.write(connection);
        alerts.raiseCrossed(connection, balances, now);
        for (UsageRecordStore.OutOfBundleRecord record : rerated) {
            UsageRecordedV1 event = UsageRecordedStream.event(record.key(), record.type(), record.quantity(),
                    record.draws(), record.outOfBundle(), record.ratingVersion());
            OutboxWriter.append(connection, Topics.USAGE_RECORDED, UsageRecordedStream.metadata(event, now), event);
        }
        return rerated.size();
    }

    /** Earlier draws first, then the new ones; two draws on one allowance become one. */
    private static List<Draw> merge(List<Draw> earlier, List<Draw> now) {
        Map<String, Long> merged = new LinkedHashMap<>();
        for (Draw draw : earlier) {
            merged.merge(draw.allowanceId(), draw.quantity(), Long::sum);
        }
        for (Draw draw : now) {
            merged.merge(draw.allowanceId(), draw.quantity(), Long::sum);
        }
        return merged.entrySet().stream().map(e -> new Draw(e.getKey(), e.getValue())).toList();
    }
}
