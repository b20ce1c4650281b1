package nc.esim.usage.daily;

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

/**
 * Reads one ICCID's days from usage_daily (kept as the records are counted): a few rows per day,
 * whatever the number of records.
 */
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
                     select day, sum(data_bytes), sum(voice_seconds), sum(sms_count), sum(records),
                            sum(data_bytes) filter (where allowance_id is null),
                            sum(voice_seconds) filter (where allowance_id is null),
                            sum(sms_count) filter (where allowance_id is null)
                     from usage_daily where iccid = ? and day between ? and ?
                     group by day""")) {
            select.setString(1, iccid);
            select.setObject(2, period.first());
            select.setObject(3, period.last());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] day = new long[7];
                    for (int c = 0; c < 7; c++) {
                        day[c] = rows.getLong(2 + c); // a null sum (no out-of-bundle row) reads as 0
                    }
                    byDay.put(rows.getObject(1, LocalDate.class), day);
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
