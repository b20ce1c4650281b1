package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.type.TypeReference;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.allowances.Draw;
import nc.esim.usage.allowances.Rating;

/**
 * Reads and writes {@code usage_record}. Writes run under the ICCIDs' locks, after {@link #existing}
 * said which records are new; the unique identity index stays the last guard.
 */
@ApplicationScoped
public class UsageRecordStore {

    /** A new CDR with its rating. */
    public record RatedRecord(CdrV1 cdr, Rating.Rated rating) {
    }

    /** A stored record some of whose usage no allowance covered: a candidate for re-rating. */
    public record OutOfBundleRecord(RecordKey key, UsageType type, long quantity, List<Draw> draws, int ratingVersion) {
        public long outOfBundle() {
            return quantity - draws.stream().mapToLong(Draw::quantity).sum();
        }

        public String home() {
            return draws.isEmpty() ? null : draws.get(0).allowanceId();
        }
    }

    private static final String EPOCH_MICROS = "timestamptz 'epoch' + %s * interval '1 microsecond'";

    /** The keys among these CDRs that are already stored. */
    public Set<RecordKey> existing(Connection connection, List<CdrV1> cdrs) throws SQLException {
        int n = cdrs.size();
        String[] iccids = new String[n];
        Long[] starts = new Long[n];
        String[] nodes = new String[n];
        Long[] chargingIds = new Long[n];
        Integer[] sequences = new Integer[n];
        for (int i = 0; i < n; i++) {
            CdrV1 cdr = cdrs.get(i);
            iccids[i] = cdr.iccid();
            starts[i] = RecordKey.micros(cdr.startTime());
            nodes[i] = cdr.recordingNode();
            chargingIds[i] = cdr.chargingId();
            sequences[i] = cdr.sequenceNumber();
        }
        Set<RecordKey> found = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select k.iccid, k.start_us, k.node, k.cid, k.seq
                from unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::int[]) as k(iccid, start_us, node, cid, seq)
                where exists (select 1 from usage_record r where r.iccid = k.iccid
                              and r.start_time = %s and r.recording_node = k.node
                              and r.charging_id = k.cid and r.sequence_number = k.seq)"""
                .formatted(EPOCH_MICROS.formatted("k.start_us")))) {
            select.setArray(1, connection.createArrayOf("text", iccids));
            select.setArray(2, connection.createArrayOf("bigint", starts));
            select.setArray(3, connection.createArrayOf("text", nodes));
            select.setArray(4, connection.createArrayOf("bigint", chargingIds));
            select.setArray(5, connection.createArrayOf("int4", sequences));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new RecordKey(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4),
                            rows.getInt(5)));
                }
            }
        }
        return found;
    }

    private static final String COPY_RECORDS = """
            copy usage_record (iccid, start_time, recording_node, charging_id, sequence_number, usage_type, quantity,
                               duration_seconds, counter_party, allowance_id, in_bundle, draws, received_at)
            from stdin (format binary)""";
    private static final int COLUMNS = 13;

    /**
     * Loads the rated records with COPY (no per-row statement, nothing for the server to parse) and adds
     * {@code totals}. COPY has no "on conflict": a record stored meanwhile despite the ICCID locks
     * fails the unique index and so the whole transaction, which is then retried from the top.
     */
    public void insert(Connection connection, List<RatedRecord> records, TotalsDelta totals, Instant receivedAt)
            throws SQLException {
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_RECORDS);
        try {
            PgBinaryCopy copy = new PgBinaryCopy(copyIn);
            long receivedMicros = RecordKey.micros(receivedAt);
            for (RatedRecord record : records) {
                CdrV1 cdr = record.cdr();
                Rating.Rated rating = record.rating();
                copy.row(COLUMNS).text(cdr.iccid()).timestamptz(cdr.startTime()).text(cdr.recordingNode())
                        .int8(cdr.chargingId()).int4(cdr.sequenceNumber()).text(cdr.type().name())
                        .int8(quantityOf(cdr)).int8(cdr.durationSeconds()).text(cdr.counterParty())
                        .text(rating.firstAllowanceId()).int8(rating.inBundle()).jsonb(drawsJson(rating.draws()))
                        .timestamptzMicros(receivedMicros);
            }
            copy.finish();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        totals.write(connection);
    }

    /** Records of one ICCID used within [from, until) that are not wholly in bundle, oldest first. */
    public List<OutOfBundleRecord> notWhollyInBundle(Connection connection, String iccid, Instant from, Instant until)
            throws SQLException {
        List<OutOfBundleRecord> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select start_time, recording_node, charging_id, sequence_number, usage_type, quantity, allowance_id,
                       in_bundle, draws::text, rating_version
                from usage_record
                where iccid = ? and start_time >= ? and start_time < ? and in_bundle < quantity
                order by start_time, recording_node, charging_id, sequence_number""")) {
            select.setString(1, iccid);
            select.setTimestamp(2, Timestamp.from(from));
            select.setTimestamp(3, Timestamp.from(until));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RecordKey key = new RecordKey(iccid, RecordKey.micros(rows.getTimestamp(1).toInstant()),
                            rows.getString(2), rows.getLong(3), rows.getInt(4));
                    found.add(new OutOfBundleRecord(key, UsageType.valueOf(rows.getString(5)), rows.getLong(6),
                            drawsOf(rows.getString(7), rows.getLong(8), rows.getString(9)), rows.getInt(10)));
                }
            }
        }
        return found;
    }

    /** Stores new draws of re-rated records and bumps their rating version. */
    public void updateRatings(Connection connection, List<OutOfBundleRecord> rerated) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update usage_record set allowance_id = ?, in_bundle = ?, draws = ?::jsonb, rating_version = ?
                where iccid = ? and start_time = ? and recording_node = ? and charging_id = ? and sequence_number = ?""")) {
            for (OutOfBundleRecord record : rerated) {
                RecordKey key = record.key();
                update.setString(1, record.home());
                update.setLong(2, record.quantity() - record.outOfBundle());
                update.setString(3, drawsJson(record.draws()));
                update.setInt(4, record.ratingVersion());
                update.setString(5, key.iccid());
                update.setTimestamp(6, Timestamp.from(key.startTime()));
                update.setString(7, key.recordingNode());
                update.setLong(8, key.chargingId());
                update.setInt(9, key.sequenceNumber());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Draws as stored: the common single draw lives in allowance_id/in_bundle alone, several in draws. */
    static String drawsJson(List<Draw> draws) {
        return draws.size() < 2 ? null : new String(EventJson.write(draws), java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<Draw> drawsOf(String allowanceId, long inBundle, String drawsJson) {
        if (drawsJson != null) {
            try {
                return EventJson.read(drawsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        new TypeReference<List<Draw>>() { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable draws of a stored record: " + drawsJson, e);
            }
        }
        return allowanceId == null ? List.of() : List.of(new Draw(allowanceId, inBundle));
    }

    /** What a record counts against a quota: bytes for data, seconds for calls, one per SMS. */
    public static long quantityOf(CdrV1 cdr) {
        return switch (cdr.type()) {
            case DATA -> cdr.totalBytes();
            case VOICE -> cdr.durationSeconds();
            case SMS -> 1;
        };
    }
}
