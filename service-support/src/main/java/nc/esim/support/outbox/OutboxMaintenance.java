package nc.esim.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps a service's {@code outbox_event} table small and watched: deletes events published more than
 * {@code esim.outbox.retention} ago (7 days by default: long enough to look into what was sent), in
 * batches, and gauges the events waiting for the relay ({@code esim_outbox_waiting}) and the age of
 * the oldest of them ({@code esim_outbox_oldest_waiting_seconds}). Waiting events are never deleted.
 */
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class OutboxMaintenance {
    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);
    private static final int PURGE_BATCH = 10_000;

    /** What waits for the relay: how many events, and since when the oldest (null when none). */
    public record Backlog(long waiting, Instant oldest) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private Counter purged;

    public OutboxMaintenance(DataSource dataSource, Clock clock,
                             @ConfigProperty(name = "esim.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
    }

    void registerMetrics(@Observes StartupEvent start, MeterRegistry registry) {
        purged = Counter.builder("esim.outbox.purged").description("Published outbox events deleted after the retention")
                .register(registry);
        Gauge.builder("esim.outbox.waiting", this, m -> m.backlogOrNull() == null ? Double.NaN : m.backlogOrNull().waiting())
                .description("Outbox events waiting for the relay").register(registry);
        Gauge.builder("esim.outbox.oldest.waiting", this, OutboxMaintenance::oldestAgeSeconds).baseUnit("seconds")
                .description("Age of the oldest outbox event waiting for the relay (0 when none)").register(registry);
    }

    @Scheduled(every = "${esim.outbox.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        try {
            long deleted = purgePublished();
            if (deleted > 0) {
                LOG.infof("outbox: deleted %d events published before the retention of %s", deleted, retention);
            }
        } catch (SQLException e) {
            LOG.warnf("outbox purge skipped, tried again next time: %s", e.toString());
        }
    }

    /** Deletes the events published more than the retention ago; returns how many. */
    public long purgePublished() throws SQLException {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        long total = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("""
                     delete from outbox_event where id in (
                         select id from outbox_event where published_at < ? order by id limit ?)""")) {
            int deleted;
            do {
                delete.setTimestamp(1, before);
                delete.setInt(2, PURGE_BATCH);
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == PURGE_BATCH);
        }
        if (purged != null) {
            purged.increment(total);
        }
        return total;
    }

    public Backlog backlog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*), min(occurred_at) from outbox_event where published_at is null");
             ResultSet row = select.executeQuery()) {
            row.next();
            Timestamp oldest = row.getTimestamp(2);
            return new Backlog(row.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }

    private Backlog backlogOrNull() {
        try {
            return backlog();
        } catch (SQLException e) {
            return null; // database away: the gauge says unknown (NaN), not zero
        }
    }

    private double oldestAgeSeconds() {
        Backlog backlog = backlogOrNull();
        if (backlog == null) {
            return Double.NaN;
        }
        return backlog.oldest() == null ? 0 : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toMillis() / 1000.0);
    }
}
