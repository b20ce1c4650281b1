package nc.esim.usage.aggregates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.LocalDays;

/**
 * Sums every eSIM's records per local day. It reads whole monthly partitions of the period (partition
 * pruning keeps it to those), so the API bounds the period.
 */
@ApplicationScoped
public class NetworkDailyUsageQuery {
    private final DataSource dataSource;

    public NetworkDailyUsageQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public NetworkDailyUsage of(LocalDays period) throws SQLException {
        Map<LocalDate, long[]> byDay = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select (start_time at time zone 'Pacific/Noumea')::date as day, usage_type,
                            sum(quantity), sum(quantity - in_bundle), count(*),
                            count(distinct iccid), grouping(usage_type)
                     from usage_record where start_time >= ? and start_time < ?
                     group by grouping sets ((day, usage_type), (day))""")) {
            select.setTimestamp(1, Timestamp.from(period.from()));
            select.setTimestamp(2, Timestamp.from(period.until()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] day = byDay.computeIfAbsent(rows.getObject(1, LocalDate.class), d -> new long[8]);
                    if (rows.getInt(7) == 1) { // the day's own row: records and distinct eSIMs over all types
                        day[3] = rows.getLong(5);
                        day[7] = rows.getLong(6);
                    } else {
                        int type = UsageType.valueOf(rows.getString(2)).ordinal();
                        day[type] = rows.getLong(3);
                        day[4 + type] = rows.getLong(4);
                    }
                }
            }
        }
        List<NetworkDailyUsage.Day> days = new ArrayList<>();
        for (LocalDate date = period.first(); !date.isAfter(period.last()); date = date.plusDays(1)) {
            long[] d = byDay.getOrDefault(date, new long[8]);
            days.add(new NetworkDailyUsage.Day(date, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]));
        }
        return new NetworkDailyUsage(period.first(), period.last(), days);
    }
}
