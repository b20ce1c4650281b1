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
    /**
     * What a day's rows of usage_daily add up to, seven columns: data, voice, SMS and records, then the
     * out-of-bundle data, voice and SMS (the rows without an allowance), 0 when there are none.
     */
    public static final String DAY_SUMS = """
            sum(data_bytes), sum(voice_seconds), sum(sms_count), sum(records),
            coalesce(sum(data_bytes) filter (where allowance_id is null), 0),
            coalesce(sum(voice_seconds) filter (where allowance_id is null), 0),
            coalesce(sum(sms_count) filter (where allowance_id is null), 0)""";

    private final DataSource dataSource;

    public DailyUsageQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DailyUsage of(String iccid, LocalDays period) throws SQLException {
        Map<LocalDate, long[]> byDay = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select day, %s
                     from usage_daily where iccid = ? and day between ? and ?
                     group by day""".formatted(DAY_SUMS))) {
            select.setString(1, iccid);
            select.setObject(2, period.first());
            select.setObject(3, period.last());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] day = new long[7];
                    for (int c = 0; c < 7; c++) {
                        day[c] = rows.getLong(2 + c);
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
