package nc.esim.usage.daily;

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

/** Sums one ICCID's records per local day, from the "one ICCID, newest first" index range. */
@ApplicationScoped
public class DailyUsageQuery {
    private final DataSource dataSource;

    public DailyUsageQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DailyUsage of(String iccid, LocalDays period) throws SQLException {
        Map<LocalDate, long[]> byDay = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select (start_time at time zone 'Pacific/Noumea')::date, usage_type,
                            sum(quantity), sum(quantity - in_bundle), count(*)
                     from usage_record where iccid = ? and start_time >= ? and start_time < ?
                     group by 1, 2""")) {
            select.setString(1, iccid);
            select.setTimestamp(2, Timestamp.from(period.from()));
            select.setTimestamp(3, Timestamp.from(period.until()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] day = byDay.computeIfAbsent(rows.getObject(1, LocalDate.class), d -> new long[7]);
                    int type = UsageType.valueOf(rows.getString(2)).ordinal();
                    day[type] += rows.getLong(3);
                    day[4 + type] += rows.getLong(4);
                    day[3] += rows.getLong(5);
                }
            }
        }
        List<DailyUsage.Day> days = new ArrayList<>();
        for (LocalDate date = period.first(); !date.isAfter(period.last()); date = date.plusDays(1)) {
            long[] d = byDay.getOrDefault(date, new long[7]);
            days.add(new DailyUsage.Day(date, d[0], d[1], d[2], d[3], d[4], d[5], d[6]));
        }
        return new DailyUsage(iccid, period.first(), period.last(), days);
    }
}
