package nc.esim.billing.advice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.usage.UsageDailyV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * The usage profile of each eSIM: its days as {@code esim.usage.daily.v1} tells them. A batch is one
 * set-based upsert in one transaction; a day is replaced only by a higher revision, so a replay, a
 * duplicate from the outbox relay or a batch handed over again after a crash changes nothing. An event
 * that cannot be read goes to {@code esim.usage.daily.rejected.v1} with its reason.
 */
@ApplicationScoped
public class UsageProfiles implements ConsumerLoop.BatchHandler {
    private final DataSource dataSource;
    private final RejectedRecords rejected;
    private final Clock clock;

    public UsageProfiles(DataSource dataSource, RejectedRecords rejected, Clock clock) {
        this.dataSource = dataSource;
        this.rejected = rejected;
        this.clock = clock;
    }

    /** One day's usage: data in bytes, voice in seconds, SMS in messages. */
    public record Day(LocalDate day, long dataBytes, long voiceSeconds, long smsCount) {
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<UsageDailyV1> batch = IncomingEvents.decodeChecked(records, UsageDailyV1.class,
                UsageProfiles::violation, "INVALID_EVENT");
        // the latest revision of each day in the batch; the upsert keeps it only if newer than the stored one
        Map<String, UsageDailyV1> latest = new HashMap<>();
        for (IncomingEvents.Decoded<UsageDailyV1> decoded : batch.events()) {
            UsageDailyV1 event = decoded.event();
            latest.merge(event.iccid() + "/" + event.day(), event, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        if (!latest.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> store(List.copyOf(latest.values())));
        }
        rejected.publish(batch.rejections());
    }

    static String violation(UsageDailyV1 event) {
        if (event.schemaVersion() != UsageDailyV1.SCHEMA_VERSION) {
            return "schemaVersion must be " + UsageDailyV1.SCHEMA_VERSION;
        }
        if (!Identifiers.isValidIccid(event.iccid())) {
            return "iccid is not an 89687 ICCID with a valid Luhn digit";
        }
        if (event.day() == null) {
            return "day is required";
        }
        if (event.dataBytes() < 0 || event.voiceSeconds() < 0 || event.smsCount() < 0 || event.revision() < 1) {
            return "quantities must not be negative and revision must be 1 or more";
        }
        return null;
    }

    private void store(List<UsageDailyV1> days) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into usage_profile_day as p (iccid, day, data_bytes, voice_seconds, sms_count, revision, received_at)
                     select k.*, ? from unnest(?::text[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                         as k(iccid, day, data_bytes, voice_seconds, sms_count, revision)
                     on conflict (iccid, day) do update set
                         data_bytes = excluded.data_bytes, voice_seconds = excluded.voice_seconds,
                         sms_count = excluded.sms_count, revision = excluded.revision, received_at = excluded.received_at
                     where p.revision < excluded.revision""")) {
            upsert.setTimestamp(1, Timestamp.from(clock.instant()));
            upsert.setArray(2, connection.createArrayOf("text", days.stream().map(UsageDailyV1::iccid).toArray()));
            upsert.setArray(3, connection.createArrayOf("date", days.stream().map(d -> d.day().toString()).toArray()));
            upsert.setArray(4, connection.createArrayOf("bigint", days.stream().map(UsageDailyV1::dataBytes).toArray()));
            upsert.setArray(5, connection.createArrayOf("bigint", days.stream().map(UsageDailyV1::voiceSeconds).toArray()));
            upsert.setArray(6, connection.createArrayOf("bigint", days.stream().map(UsageDailyV1::smsCount).toArray()));
            upsert.setArray(7, connection.createArrayOf("bigint", days.stream().map(UsageDailyV1::revision).toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store daily usage", e);
        }
    }

    /** The eSIM's known days within [from, to], oldest first; a day with no event is absent. */
    public List<Day> between(String iccid, LocalDate from, LocalDate to) throws SQLException {
        List<Day> days = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select day, data_bytes, voice_seconds, sms_count from usage_profile_day
                     where iccid = ? and day between ? and ? order by day""")) {
            select.setString(1, iccid);
            select.setObject(2, from);
            select.setObject(3, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.add(new Day(rows.getObject(1, LocalDate.class), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return days;
    }
}
