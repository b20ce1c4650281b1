package nc.esim.usage.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import nc.esim.usage.UsageConfig;

/**
 * The monthly partitions of {@code usage_record} (UTC months of the start time): created ahead of the
 * records that need them, dropped whole once all their records are older than the retention. Totals
 * live in {@code usage_total} and are not touched by retention. Partition DDL runs in transactions of
 * its own, under an advisory lock, never inside an ingest transaction.
 */
@ApplicationScoped
public class RecordPartitions {
    private static final Logger LOG = Logger.getLogger(RecordPartitions.class);
    private static final long DDL_LOCK = 0x0E51_0004L;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'usage_record_y'yyyy'm'MM");

    private final DataSource dataSource;
    private final Clock clock;
    private final UsageConfig config;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public RecordPartitions(DataSource dataSource, Clock clock, UsageConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.records().retention().compareTo(config.ingest().maxAge()) <= 0) {
            throw new IllegalStateException("usage.records.retention must exceed usage.ingest.max-age: a record "
                    + "still accepted must not land in a partition about to be dropped");
        }
        maintain();
    }

    /**
     * Every day: the partitions from the oldest acceptable record to next month exist, and those past
     * the retention are gone.
     */
    @Scheduled(cron = "0 17 3 * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        Instant now = clock.instant();
        YearMonth first = month(now.minus(config.ingest().maxAge()));
        YearMonth last = month(now).plusMonths(1);
        List<YearMonth> wanted = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            wanted.add(m);
        }
        ensure(wanted);
        dropOlderThan(now.minus(config.records().retention()));
    }

    /**
     * Makes sure the partitions holding start times from {@code earliest} to {@code latest} exist; cheap
     * (no database) when they are known, which is every batch but the first of a month.
     */
    public void ensureBetween(Instant earliest, Instant latest) {
        Set<YearMonth> missing = new TreeSet<>();
        for (YearMonth month = month(earliest); !month.isAfter(month(latest)); month = month.plusMonths(1)) {
            if (!known.contains(month)) {
                missing.add(month);
            }
        }
        if (!missing.isEmpty()) {
            ensure(missing);
        }
    }

    private void ensure(Collection<YearMonth> months) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
                lock(connection);
                for (YearMonth month : months) {
                    ddl.execute("create table if not exists %s partition of usage_record for values from ('%s') to ('%s')"
                            .formatted(NAME.format(month), start(month), start(month.plusMonths(1))));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not create usage_record partitions " + months, e);
            }
        });
        known.addAll(months);
    }

    /** Drops the partitions whose every record started before {@code cutoff}; returns their names. */
    public List<String> dropOlderThan(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                lock(connection);
                for (String partition : partitions(connection)) {
                    YearMonth month = YearMonth.parse(partition, NAME);
                    if (!start(month.plusMonths(1)).isAfter(cutoff)) {
                        try (Statement ddl = connection.createStatement()) {
                            ddl.execute("drop table " + partition);
                        }
                        known.remove(month);
                        dropped.add(partition);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop expired usage_record partitions", e);
            }
        });
        if (!dropped.isEmpty()) {
            LOG.infof("retention %s: dropped %s", config.records().retention(), dropped);
        }
        return dropped;
    }

    private static List<String> partitions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'usage_record'::regclass order by c.relname""");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, DDL_LOCK);
            lock.executeQuery().close();
        }
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
