package nc.esim.usage.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.support.outbox.OutboxWriter;
import nc.esim.usage.UsageConfig;
import nc.esim.usage.allowances.AllowanceBalance;

/**
 * Raises {@code esim.usage.alerts.v1} when a quota crosses a configured level, and once the eSIM has no
 * data left in any live allowance. Runs in the transaction that drew on the balances: the alert row
 * (unique per allowance, quota, level and kind) and its outbox event commit with the usage that crossed
 * the level, or not at all. A replay or a retried batch draws nothing new, so it crosses nothing; and
 * the unique row refuses a second alert even if it did.
 *
 * <p>What the customer is told must hold for the whole line, not one allowance: a data alert carries
 * what the eSIM's other live allowances still hold, and DATA_EXHAUSTED is raised only when a draw of
 * this pass emptied a live allowance and none of the others has data left.
 */
@ApplicationScoped
public class UsageAlerts {
    private static final String SOURCE = "/usage-service";
    private final List<Integer> levels;

    public UsageAlerts(UsageConfig config) {
        this.levels = config.alerts().levels().stream().sorted().toList();
    }

    /** Raises the alerts these balances (every allowance of their ICCIDs) crossed since they were read; returns how many. */
    public int raiseCrossed(Connection connection, Collection<AllowanceBalance> balances, Instant at) throws SQLException {
        Map<String, List<AllowanceBalance>> byIccid = new LinkedHashMap<>();
        balances.forEach(b -> byIccid.computeIfAbsent(b.allowance().iccid(), k -> new ArrayList<>()).add(b));
        int raised = 0;
        for (List<AllowanceBalance> ofIccid : byIccid.values()) {
            if (ofIccid.stream().noneMatch(AllowanceBalance::changed)) {
                continue; // nothing drawn on this eSIM in this pass: nothing crossed
            }
            long liveData = ofIccid.stream().filter(b -> isLiveData(b, at)).mapToLong(b -> b.remaining(UsageType.DATA)).sum();
            AllowanceBalance emptied = null;
            for (AllowanceBalance balance : ofIccid) {
                if (!balance.changed()) {
                    continue;
                }
                for (UsageType quota : UsageType.values()) {
                    long limit = balance.allowance().quotaOf(quota);
                    if (limit == 0) {
                        continue;
                    }
                    long elsewhere = quota == UsageType.DATA
                            ? liveData - (isLiveData(balance, at) ? balance.remaining(UsageType.DATA) : 0) : 0;
                    for (int level : levels) {
                        if (crossed(balance.usedBefore(quota), balance.used(quota), limit, level)
                                && raise(connection, balance, quota, level, UsageAlertV1.Kind.QUOTA_LEVEL, elsewhere, at)) {
                            raised++;
                        }
                    }
                }
                if (isLiveData(balance, at) && balance.usedBefore(UsageType.DATA) < balance.allowance().dataBytes()
                        && balance.remaining(UsageType.DATA) == 0) {
                    emptied = balance;
                }
            }
            if (emptied != null && liveData == 0
                    && raise(connection, emptied, UsageType.DATA, 100, UsageAlertV1.Kind.DATA_EXHAUSTED, 0, at)) {
                raised++;
            }
        }
        return raised;
    }

    private static boolean isLiveData(AllowanceBalance balance, Instant at) {
        return balance.allowance().dataBytes() > 0 && balance.allowance().covers(at);
    }

    /**
     * True when used went from below level % of the limit to at or above it. Integer arithmetic, no
     * rounding; used never exceeds the limit (rating draws no more than what remains), so the products
     * stay far below overflow for any real quota, and multiplyExact fails loudly if one ever did not.
     */
    static boolean crossed(long before, long after, long limit, int level) {
        long threshold = Math.multiplyExact(limit, (long) level);
        return Math.multiplyExact(before, 100L) < threshold && Math.multiplyExact(after, 100L) >= threshold;
    }

    private boolean raise(Connection connection, AllowanceBalance balance, UsageType quota, int level,
                          UsageAlertV1.Kind kind, long dataLeftElsewhere, Instant at) throws SQLException {
        String iccid = balance.allowance().iccid();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into usage_alert (allowance_id, quota, level_percent, kind, iccid, crossed_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            insert.setString(1, balance.allowance().allowanceId());
            insert.setString(2, quota.name());
            insert.setInt(3, level);
            insert.setString(4, kind.name());
            insert.setString(5, iccid);
            insert.setTimestamp(6, Timestamp.from(at));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        UsageAlertV1 alert = new UsageAlertV1(UsageAlertV1.SCHEMA_VERSION, iccid,
                balance.allowance().allowanceId(), quota, level, balance.usedWhenReaching(quota, level),
                balance.allowance().quotaOf(quota), at, kind, dataLeftElsewhere);
        OutboxWriter.append(connection, Topics.USAGE_ALERTS,
                new EventMetadata(alert.eventId(), UsageAlertV1.CLOUD_EVENT_TYPE, SOURCE, iccid, at), alert);
        return true;
    }
}
