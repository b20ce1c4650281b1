package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.allowances.Draw;
import nc.esim.usage.allowances.Rating;

/**
 * What one transaction adds to {@code usage_total}, per ICCID and allowance (null: out of bundle), and
 * to {@code usage_daily}, per ICCID, Pacific/Noumea day of the usage and allowance: quantities drawn by
 * type, and records counted on the row of their first allowance. Both tables change in one statement,
 * so a day's usage can never disagree with the totals.
 */
public final class TotalsDelta {
    private record Row(String iccid, String allowanceId) {
    }

    private record DayRow(String iccid, LocalDate day, String allowanceId) {
    }

    /** A day row's quantities by type and records, and the earliest usage added to it. */
    private static final class DayChange {
        final long[] quantities = new long[4];
        Instant firstUsage = Instant.MAX;
    }

    private final Map<Row, long[]> rows = new LinkedHashMap<>();
    private final Map<DayRow, DayChange> days = new LinkedHashMap<>();

    /** A newly counted record that started at {@code startTime}. */
    public void count(String iccid, UsageType type, Instant startTime, Rating.Rated rated) {
        LocalDate day = LocalDate.ofInstant(startTime, Zones.NOUMEA); // once per record: this is the CDR path
        for (Draw draw : rated.draws()) {
            add(iccid, startTime, day, draw.allowanceId(), type, draw.quantity(), 0);
        }
        if (rated.outOfBundle() > 0) {
            add(iccid, startTime, day, null, type, rated.outOfBundle(), 0);
        }
        add(iccid, startTime, day, rated.firstAllowanceId(), type, 0, 1);
    }

    /** Part of a record's out-of-bundle usage now drawn on allowances; {@code newHome} when its first allowance changes. */
    public void moveIntoBundle(String iccid, UsageType type, Instant startTime, Rating.Rated drawnNow, String oldHome,
                               String newHome) {
        LocalDate day = LocalDate.ofInstant(startTime, Zones.NOUMEA);
        for (Draw draw : drawnNow.draws()) {
            add(iccid, startTime, day, draw.allowanceId(), type, draw.quantity(), 0);
            add(iccid, startTime, day, null, type, -draw.quantity(), 0);
        }
        if (!Objects.equals(oldHome, newHome)) {
            add(iccid, startTime, day, oldHome, type, 0, -1);
            add(iccid, startTime, day, newHome, type, 0, 1);
        }
    }

    private void add(String iccid, Instant startTime, LocalDate day, String allowanceId, UsageType type, long quantity,
                     long records) {
        long[] row = rows.computeIfAbsent(new Row(iccid, allowanceId), k -> new long[4]);
        row[type.ordinal()] += quantity;
        row[3] += records;
        DayChange change = days.computeIfAbsent(new DayRow(iccid, day, allowanceId), k -> new DayChange());
        change.quantities[type.ordinal()] += quantity;
        change.quantities[3] += records;
        if (startTime.isBefore(change.firstUsage)) {
            change.firstUsage = startTime;
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Adds the rows to usage_total and usage_daily in one statement (one round trip). */
    private static final String UPSERT = """
            with totals as (
                insert into usage_total as t (iccid, allowance_id, data_bytes, voice_seconds, sms_count, records)
                select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                on conflict on constraint usage_total_key do update set
                    data_bytes = t.data_bytes + excluded.data_bytes,
                    voice_seconds = t.voice_seconds + excluded.voice_seconds,
                    sms_count = t.sms_count + excluded.sms_count,
                    records = t.records + excluded.records)
            insert into usage_daily as d (iccid, day, allowance_id, data_bytes, voice_seconds, sms_count, records,
                                          first_usage_at, changed_at)
            select *, now() from unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                                        ?::bigint[], ?::timestamptz[])
            on conflict on constraint usage_daily_key do update set
                data_bytes = d.data_bytes + excluded.data_bytes,
                voice_seconds = d.voice_seconds + excluded.voice_seconds,
                sms_count = d.sms_count + excluded.sms_count,
                records = d.records + excluded.records,
                first_usage_at = least(d.first_usage_at, excluded.first_usage_at),
                revision = d.revision + 1,
                changed_at = excluded.changed_at,
                published = false""";

    /** Adds these rows to both tables; nothing when there are none. */
    public void write(Connection connection) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            int n = rows.size();
            String[] iccids = new String[n];
            String[] allowances = new String[n];
            Long[][] columns = new Long[4][n];
            int i = 0;
            for (Map.Entry<Row, long[]> entry : rows.entrySet()) {
                iccids[i] = entry.getKey().iccid();
                allowances[i] = entry.getKey().allowanceId();
                for (int c = 0; c < 4; c++) {
                    columns[c][i] = entry.getValue()[c];
                }
                i++;
            }
            upsert.setArray(1, connection.createArrayOf("text", iccids));
            upsert.setArray(2, connection.createArrayOf("text", allowances));
            for (int c = 0; c < 4; c++) {
                upsert.setArray(3 + c, connection.createArrayOf("bigint", columns[c]));
            }

            int m = days.size();
            String[] dayIccids = new String[m];
            String[] dates = new String[m]; // ISO text, cast by the server
            String[] dayAllowances = new String[m];
            Long[][] dayColumns = new Long[4][m];
            String[] firstUsage = new String[m];
            int j = 0;
            for (Map.Entry<DayRow, DayChange> entry : days.entrySet()) {
                dayIccids[j] = entry.getKey().iccid();
                dates[j] = entry.getKey().day().toString();
                dayAllowances[j] = entry.getKey().allowanceId();
                for (int c = 0; c < 4; c++) {
                    dayColumns[c][j] = entry.getValue().quantities[c];
                }
                firstUsage[j] = entry.getValue().firstUsage.toString();
                j++;
            }
            upsert.setArray(7, connection.createArrayOf("text", dayIccids));
            upsert.setArray(8, connection.createArrayOf("date", dates));
            upsert.setArray(9, connection.createArrayOf("text", dayAllowances));
            for (int c = 0; c < 4; c++) {
                upsert.setArray(10 + c, connection.createArrayOf("bigint", dayColumns[c]));
            }
            upsert.setArray(14, connection.createArrayOf("timestamptz", firstUsage));
            upsert.executeUpdate();
        }
    }
}
