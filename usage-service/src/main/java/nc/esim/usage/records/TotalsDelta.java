package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.allowances.Draw;
import nc.esim.usage.allowances.Rating;

/**
 * What one transaction adds to {@code usage_total}, per ICCID and allowance (null: out of bundle):
 * quantities drawn by type, and records counted on the row of their first allowance.
 */
public final class TotalsDelta {
    private record Row(String iccid, String allowanceId) {
    }

    private final Map<Row, long[]> rows = new LinkedHashMap<>();

    /** A newly counted record. */
    public void count(String iccid, UsageType type, Rating.Rated rated) {
        for (Draw draw : rated.draws()) {
            add(iccid, draw.allowanceId(), type, draw.quantity(), 0);
        }
        if (rated.outOfBundle() > 0) {
            add(iccid, null, type, rated.outOfBundle(), 0);
        }
        add(iccid, rated.firstAllowanceId(), type, 0, 1);
    }

    /** Part of a record's out-of-bundle usage now drawn on allowances; {@code newHome} when its first allowance changes. */
    public void moveIntoBundle(String iccid, UsageType type, Rating.Rated drawnNow, String oldHome, String newHome) {
        for (Draw draw : drawnNow.draws()) {
            add(iccid, draw.allowanceId(), type, draw.quantity(), 0);
            add(iccid, null, type, -draw.quantity(), 0);
        }
        if (!java.util.Objects.equals(oldHome, newHome)) {
            add(iccid, oldHome, type, 0, -1);
            add(iccid, newHome, type, 0, 1);
        }
    }

    private void add(String iccid, String allowanceId, UsageType type, long quantity, long records) {
        long[] row = rows.computeIfAbsent(new Row(iccid, allowanceId), k -> new long[4]);
        row[type.ordinal()] += quantity;
        row[3] += records;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The SQL of a CTE (or statement) that adds these rows; parameters bound by {@link #bind}. */
    static final String UPSERT = """
            insert into usage_total as t (iccid, allowance_id, data_bytes, voice_seconds, sms_count, records)
            select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            on conflict on constraint usage_total_key do update set
                data_bytes = t.data_bytes + excluded.data_bytes,
                voice_seconds = t.voice_seconds + excluded.voice_seconds,
                sms_count = t.sms_count + excluded.sms_count,
                records = t.records + excluded.records""";

    /** Binds the six arrays of {@link #UPSERT} from parameter {@code first} on; returns the next index. */
    int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
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
        statement.setArray(first, connection.createArrayOf("text", iccids));
        statement.setArray(first + 1, connection.createArrayOf("text", allowances));
        for (int c = 0; c < 4; c++) {
            statement.setArray(first + 2 + c, connection.createArrayOf("bigint", columns[c]));
        }
        return first + 6;
    }

    /** Adds these rows on their own (re-rating). */
    public void write(Connection connection) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(connection, upsert, 1);
            upsert.executeUpdate();
        }
    }
}
