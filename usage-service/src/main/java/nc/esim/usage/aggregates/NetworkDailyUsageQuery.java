package nc.esim.usage.aggregates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.usage.LocalDays;
import nc.esim.usage.daily.DailyUsageQuery;

/**
 * Every eSIM's usage per local day, from usage_daily (kept as the records are counted): one index
 * range of the period's days, however many records they hold.
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
                     select day, %s, count(distinct iccid)
                     from usage_daily where day between ? and ?
                     group by day""".formatted(DailyUsageQuery.DAY_SUMS))) {
            select.setObject(1, period.first());
            select.setObject(2, period.last());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] day = new long[8];
                    for (int c = 0; c < 8; c++) {
                        day[c] = rows.getLong(2 + c);
                    }
                    byDay.put(rows.getObject(1, LocalDate.class), day);
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
