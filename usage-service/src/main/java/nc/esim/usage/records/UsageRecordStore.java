package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.Zones;

/**
 * Writes accepted CDRs. One statement per batch: the records go in with {@code on conflict do nothing}
 * on their identity, and only the rows actually inserted feed the running totals, in the same
 * statement and transaction. A resent record, or a whole batch handed over again after a crash or a
 * replay from offset 0, therefore inserts nothing and adds nothing.
 */
@ApplicationScoped
public class UsageRecordStore {

    /** A CDR with the allowance it draws on (null: out of bundle). */
    public record RatedCdr(CdrV1 cdr, String allowanceId) {
    }

    private static final String INSERT_AND_COUNT = """
            with incoming as (
                select * from unnest(?::text[], ?::bigint[], ?::int[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::date[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                    as t(recording_node, charging_id, sequence_number, iccid, usage_type, start_time,
                         local_date, quantity, duration_seconds, counter_party, allowance_id)
            ), inserted as (
                insert into usage_record (recording_node, charging_id, sequence_number, iccid, usage_type, start_time,
                                          local_date, quantity, duration_seconds, counter_party, allowance_id, received_at)
                select recording_node, charging_id, sequence_number, iccid, usage_type, start_time,
                       local_date, quantity, duration_seconds, counter_party, allowance_id, ?
                from incoming
                on conflict (recording_node, charging_id, sequence_number) do nothing
                returning iccid, allowance_id, usage_type, quantity
            ), counted as (
                insert into usage_total as t (iccid, allowance_id, data_bytes, voice_seconds, sms_count, records)
                select iccid, allowance_id,
                       coalesce(sum(quantity) filter (where usage_type = 'DATA'), 0),
                       coalesce(sum(quantity) filter (where usage_type = 'VOICE'), 0),
                       coalesce(sum(quantity) filter (where usage_type = 'SMS'), 0),
                       count(*)
                from inserted group by iccid, allowance_id
                on conflict on constraint usage_total_key do update set
                    data_bytes = t.data_bytes + excluded.data_bytes,
                    voice_seconds = t.voice_seconds + excluded.voice_seconds,
                    sms_count = t.sms_count + excluded.sms_count,
                    records = t.records + excluded.records
                returning records
            )
            select count(*) from inserted""";

    /** Inserts the records not seen before and adds them to the totals; returns how many were new. */
    public int insertNew(Connection connection, List<RatedCdr> records, Instant receivedAt) throws SQLException {
        int n = records.size();
        String[] nodes = new String[n];
        Long[] chargingIds = new Long[n];
        Integer[] sequences = new Integer[n];
        String[] iccids = new String[n];
        String[] types = new String[n];
        String[] starts = new String[n];
        String[] localDates = new String[n];
        Long[] quantities = new Long[n];
        Long[] durations = new Long[n];
        String[] counterParties = new String[n];
        String[] allowanceIds = new String[n];
        for (int i = 0; i < n; i++) {
            CdrV1 cdr = records.get(i).cdr();
            nodes[i] = cdr.recordingNode();
            chargingIds[i] = cdr.chargingId();
            sequences[i] = cdr.sequenceNumber();
            iccids[i] = cdr.iccid();
            types[i] = cdr.type().name();
            starts[i] = cdr.startTime().toString();
            localDates[i] = LocalDate.ofInstant(cdr.startTime(), Zones.NOUMEA).toString();
            quantities[i] = quantityOf(cdr);
            durations[i] = cdr.durationSeconds();
            counterParties[i] = cdr.counterParty();
            allowanceIds[i] = records.get(i).allowanceId();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_AND_COUNT)) {
            statement.setArray(1, connection.createArrayOf("text", nodes));
            statement.setArray(2, connection.createArrayOf("bigint", chargingIds));
            statement.setArray(3, connection.createArrayOf("int4", sequences));
            statement.setArray(4, connection.createArrayOf("text", iccids));
            statement.setArray(5, connection.createArrayOf("text", types));
            statement.setArray(6, connection.createArrayOf("text", starts));
            statement.setArray(7, connection.createArrayOf("text", localDates));
            statement.setArray(8, connection.createArrayOf("bigint", quantities));
            statement.setArray(9, connection.createArrayOf("bigint", durations));
            statement.setArray(10, connection.createArrayOf("text", counterParties));
            statement.setArray(11, connection.createArrayOf("text", allowanceIds));
            statement.setObject(12, java.sql.Timestamp.from(receivedAt));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
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
