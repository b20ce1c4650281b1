package nc.esim.usage.allowances;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** The replica of allowances, read and written with plain JDBC on the caller's connection. */
@ApplicationScoped
public class AllowanceRepository {

    /**
     * The allowances of these ICCIDs with what has been drawn on each, earliest expiry first. The caller
     * holds the ICCIDs' locks ({@link IccidLocks}), so the balances stay true until it commits.
     * The ICCIDs are joined as a table rather than tested with {@code = any (?)}: under a generic plan
     * PostgreSQL may test every allowance against the whole array one text comparison at a time.
     */
    public Map<String, List<AllowanceBalance>> balancesOf(Connection connection, Collection<String> iccids)
            throws SQLException {
        Map<String, List<AllowanceBalance>> byIccid = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select a.allowance_id, a.iccid, a.data_bytes, a.voice_seconds, a.sms_count, a.valid_from, a.valid_until,
                       coalesce(t.data_bytes, 0), coalesce(t.voice_seconds, 0), coalesce(t.sms_count, 0)
                from unnest(?::text[]) as k(iccid) join allowance a on a.iccid = k.iccid
                left join usage_total t on t.iccid = a.iccid and t.allowance_id = a.allowance_id
                order by a.valid_until, a.allowance_id""")) {
            select.setArray(1, connection.createArrayOf("text", iccids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Allowance allowance = new Allowance(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5), rows.getTimestamp(6).toInstant(),
                            rows.getTimestamp(7).toInstant());
                    byIccid.computeIfAbsent(allowance.iccid(), k -> new ArrayList<>())
                            .add(new AllowanceBalance(allowance, rows.getLong(8), rows.getLong(9), rows.getLong(10)));
                }
            }
        }
        return byIccid;
    }

    /** The allowances of one ICCID, earliest expiry first. */
    public List<Allowance> byIccid(Connection connection, String iccid) throws SQLException {
        return balancesOf(connection, List.of(iccid)).getOrDefault(iccid, List.of()).stream()
                .map(AllowanceBalance::allowance).toList();
    }

    /** Inserts or replaces an allowance (a later event about the same allowance wins). */
    public void upsert(Connection connection, Allowance allowance) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into allowance (allowance_id, iccid, data_bytes, voice_seconds, sms_count, valid_from, valid_until)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (allowance_id) do update set data_bytes = excluded.data_bytes,
                    voice_seconds = excluded.voice_seconds, sms_count = excluded.sms_count,
                    valid_from = excluded.valid_from, valid_until = excluded.valid_until, changed_at = now()""")) {
            upsert.setString(1, allowance.allowanceId());
            upsert.setString(2, allowance.iccid());
            upsert.setLong(3, allowance.dataBytes());
            upsert.setLong(4, allowance.voiceSeconds());
            upsert.setLong(5, allowance.smsCount());
            upsert.setTimestamp(6, Timestamp.from(allowance.validFrom()));
            upsert.setTimestamp(7, Timestamp.from(allowance.validUntil()));
            upsert.executeUpdate();
        }
    }
}
