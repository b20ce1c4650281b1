package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.LocalDays;
import nc.esim.usage.allowances.Draw;

/**
 * Reads itemised records of one ICCID, newest first, in the order of the identity index
 * ({@code iccid, start_time desc, …}), so that a page is an index range scan from the cursor on.
 */
@ApplicationScoped
public class UsageRecordQuery {
    /** A streamed export may take long for a million records; it holds one read-only transaction meanwhile. */
    private static final int EXPORT_TIMEOUT_SECONDS = 3_600;
    private static final int EXPORT_FETCH_SIZE = 2_000;

    private final DataSource dataSource;

    public UsageRecordQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which records: a period of local days and, optionally, one type. */
    public record Filter(LocalDays days, Optional<UsageType> type) {
    }

    /** Receives exported records one at a time. */
    public interface Sink {
        void accept(UsageRecordView record) throws java.io.IOException;
    }

    /** {@code counterParties} shows a counter-party number as the caller may see it (RecordAccess). */
    public UsageRecordView.Page page(String iccid, Filter filter, Optional<RecordCursor> after, int limit,
                                     UnaryOperator<String> counterParties) throws SQLException {
        List<UsageRecordView> records = new ArrayList<>(limit);
        RecordCursor last = null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, iccid, filter, after, limit + 1)) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (records.size() == limit) {
                        return new UsageRecordView.Page(iccid, records, last.encode());
                    }
                    records.add(view(rows, counterParties));
                    last = new RecordCursor(RecordKey.micros(rows.getTimestamp(1).toInstant()), rows.getString(2),
                            rows.getLong(3), rows.getInt(4));
                }
            }
        }
        return new UsageRecordView.Page(iccid, records, null);
    }

    /**
     * Streams every matching record to {@code sink} through a server-side cursor (the driver fetches
     * {@value #EXPORT_FETCH_SIZE} rows at a time inside a transaction), so a million records never sit
     * in memory; returns how many were written.
     */
    public long export(String iccid, Filter filter, UnaryOperator<String> counterParties, Sink sink) {
        return QuarkusTransaction.requiringNew().timeout(EXPORT_TIMEOUT_SECONDS).call(() -> {
            long written = 0;
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = prepare(connection, iccid, filter, Optional.empty(), 0)) {
                select.setFetchSize(EXPORT_FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(view(rows, counterParties));
                        written++;
                    }
                }
            }
            return written;
        });
    }

    /** limit 0: no limit. */
    private static PreparedStatement prepare(Connection connection, String iccid, Filter filter,
                                             Optional<RecordCursor> after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                select start_time, recording_node, charging_id, sequence_number, usage_type, quantity, duration_seconds,
                       counter_party, allowance_id, in_bundle, draws::text
                from usage_record where iccid = ? and start_time >= ? and start_time < ?""");
        filter.type().ifPresent(t -> sql.append(" and usage_type = ?"));
        after.ifPresent(c -> sql.append(" and (start_time, recording_node, charging_id, sequence_number) < (?, ?, ?, ?)"));
        sql.append(" order by start_time desc, recording_node desc, charging_id desc, sequence_number desc");
        if (limit > 0) {
            sql.append(" limit ?");
        }
        PreparedStatement select = connection.prepareStatement(sql.toString());
        int p = 1;
        select.setString(p++, iccid);
        select.setTimestamp(p++, Timestamp.from(filter.days().from()));
        select.setTimestamp(p++, Timestamp.from(filter.days().until()));
        if (filter.type().isPresent()) {
            select.setString(p++, filter.type().get().name());
        }
        if (after.isPresent()) {
            RecordCursor cursor = after.get();
            select.setTimestamp(p++, Timestamp.from(RecordKey.instantOfMicros(cursor.startMicros())));
            select.setString(p++, cursor.recordingNode());
            select.setLong(p++, cursor.chargingId());
            select.setInt(p++, cursor.sequenceNumber());
        }
        if (limit > 0) {
            select.setInt(p, limit);
        }
        return select;
    }

    private static UsageRecordView view(ResultSet row, UnaryOperator<String> counterParties) throws SQLException {
        Instant start = row.getTimestamp(1).toInstant();
        long quantity = row.getLong(6);
        long inBundle = row.getLong(10);
        List<Draw> draws = UsageRecordStore.drawsOf(row.getString(9), inBundle, row.getString(11));
        return new UsageRecordView(row.getString(2), row.getLong(3), row.getInt(4), UsageType.valueOf(row.getString(5)),
                start, LocalDateTime.ofInstant(start, Zones.NOUMEA), quantity, row.getLong(7),
                counterParties.apply(row.getString(8)), draws, inBundle, quantity - inBundle);
    }
}
