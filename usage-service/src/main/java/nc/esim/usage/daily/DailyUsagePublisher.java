package nc.esim.usage.daily;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.usage.UsageDailyV1;
import nc.esim.support.outbox.OutboxWriter;
import nc.esim.usage.UsageConfig;

/**
 * Puts each closed day's usage of each eSIM on {@code esim.usage.daily.v1}, through the outbox, and
 * again whenever a late CDR or a re-rating changes a closed day.
 *
 * <p>A closed day's rows are taken once they have been quiet for {@code usage.daily.quiet-period}: a
 * burst of late CDRs then makes one revision, and the publisher does not lock rows the ingest is still
 * writing. The quiet period runs on the database's clock ({@code changed_at} is the transaction's
 * {@code now()}), so that a moved service clock ({@code esim.clock.offset}) cannot make a change look old.
 *
 * <p>One pass, one transaction: it locks a batch of unpublished rows of closed days
 * ({@code for update skip locked}, so two instances share the work and neither waits for an ingest
 * transaction), sums every row of their ICCID and day, appends one event per ICCID and day, and marks
 * the rows it locked published at the revision it read. A row changed meanwhile by an ingest that
 * committed first was skipped or is read at its new revision; one changed after is unpublished again
 * and goes out in a later pass. The outbox relays in order, so a day's revisions reach Kafka in order.
 * The open day is not sent: its totals change with every CDR, and the summary API answers for it.
 */
@ApplicationScoped
public class DailyUsagePublisher {
    private static final String SOURCE = "/usage-service";
    private final DataSource dataSource;
    private final UsageConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public DailyUsagePublisher(DataSource dataSource, UsageConfig config, Clock clock, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${usage.daily.publish-interval:PT10S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishClosedDays() {
        int sent;
        do {
            sent = publishBatch();
        } while (sent > 0 && sent == config.daily().publishBatch());
    }

    /** One pass; returns how many rows it marked published. */
    public int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return publish(connection, clock.instant());
            }
        });
    }

    private record Locked(String iccid, LocalDate day, String allowanceId, long revision) {
    }

    private record IccidDay(String iccid, LocalDate day) {
    }

    private int publish(Connection connection, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, Zones.NOUMEA);
        List<Locked> locked = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select iccid, day, allowance_id, revision from usage_daily
                where not published and day < ? and changed_at < now() - make_interval(secs => ?)
                order by day, iccid limit ? for update skip locked""")) {
            select.setObject(1, today);
            select.setDouble(2, config.daily().quietPeriod().toMillis() / 1000.0);
            select.setInt(3, config.daily().publishBatch());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    locked.add(new Locked(rows.getString(1), rows.getObject(2, LocalDate.class), rows.getString(3),
                            rows.getLong(4)));
                }
            }
        }
        if (locked.isEmpty()) {
            return 0;
        }
        Set<IccidDay> pairs = new LinkedHashSet<>();
        locked.forEach(row -> pairs.add(new IccidDay(row.iccid(), row.day())));
        String[] iccids = pairs.stream().map(IccidDay::iccid).toArray(String[]::new);
        String[] days = pairs.stream().map(p -> p.day().toString()).toArray(String[]::new);

        List<OutboxWriter.Event> events = new ArrayList<>(pairs.size());
        try (PreparedStatement sums = connection.prepareStatement("""
                select d.iccid, d.day, %s, sum(revision)
                from usage_daily d join unnest(?::text[], ?::date[]) as k(iccid, day)
                  on d.iccid = k.iccid and d.day = k.day
                group by d.iccid, d.day
                order by d.iccid, d.day""".formatted(DailyUsageQuery.DAY_SUMS))) {
            sums.setArray(1, connection.createArrayOf("text", iccids));
            sums.setArray(2, connection.createArrayOf("date", days));
            try (ResultSet rows = sums.executeQuery()) {
                while (rows.next()) {
                    UsageDailyV1 event = new UsageDailyV1(UsageDailyV1.SCHEMA_VERSION, rows.getString(1),
                            rows.getObject(2, LocalDate.class), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                            rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9), rows.getLong(10), now);
                    events.add(new OutboxWriter.Event(new EventMetadata(event.eventId(), UsageDailyV1.CLOUD_EVENT_TYPE,
                            SOURCE, event.iccid(), now), event));
                }
            }
        }
        OutboxWriter.appendAll(connection, Topics.USAGE_DAILY, events);

        try (PreparedStatement mark = connection.prepareStatement("""
                update usage_daily d set published = true
                from unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) as k(iccid, day, allowance_id, revision)
                where d.iccid = k.iccid and d.day = k.day and d.allowance_id is not distinct from k.allowance_id
                  and d.revision = k.revision""")) {
            mark.setArray(1, connection.createArrayOf("text", locked.stream().map(Locked::iccid).toArray(String[]::new)));
            mark.setArray(2, connection.createArrayOf("date", locked.stream().map(r -> r.day().toString()).toArray(String[]::new)));
            mark.setArray(3, connection.createArrayOf("text", locked.stream().map(Locked::allowanceId).toArray(String[]::new)));
            mark.setArray(4, connection.createArrayOf("bigint", locked.stream().map(Locked::revision).toArray(Long[]::new)));
            mark.executeUpdate();
        }
        metrics.counter("esim.usage.daily.published").increment(events.size());
        return locked.size();
    }
}
