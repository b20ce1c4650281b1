package nc.esim.bench.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;

import nc.esim.contracts.Topics;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.platform.QuarkusService;
import nc.esim.infra.postgres.LocalPostgres;

/**
 * What the platform still has to do, read from outside: the consumer groups' lag, the outboxes'
 * unpublished events, the messages waiting to be sent, and whether every service is ready. A fault
 * is over when every backlog is back to where it was before it (or under a small slack) and every
 * service answers ready; the platform is settled when every backlog is empty.
 */
final class Backlogs implements AutoCloseable {
    /** Consumer group and the topic it reads, for every group on the platform. */
    static final Map<String, String> GROUPS = Map.of(
            "usage-service.cdr-ingest", Topics.CDR,
            "usage-service.subscriptions", Topics.SUBSCRIPTION,
            "notification-service.subscriptions", Topics.SUBSCRIPTION,
            "notification-service.usage-alerts", Topics.USAGE_ALERTS,
            "billing-service.usage-alerts", Topics.USAGE_ALERTS);

    /** One reading; a backlog that could not be read (its broker or database down) is -1. */
    record Reading(boolean allReady, Map<String, Long> backlogs) {
        boolean readable() {
            return backlogs.values().stream().allMatch(v -> v >= 0);
        }

        boolean empty() {
            return allReady && backlogs.values().stream().allMatch(v -> v == 0);
        }

        /**
         * Every service ready, every backlog no higher than {@code before}'s or than its slack: what the
         * platform works off within a moment in steady state ({@code slack} per backlog, 0 when not named).
         */
        boolean backTo(Reading before, Map<String, Long> slack) {
            if (!allReady || !readable()) {
                return false;
            }
            return backlogs.entrySet().stream().allMatch(e -> e.getValue()
                    <= Math.max(slack.getOrDefault(e.getKey(), 0L), before.backlogs.getOrDefault(e.getKey(), 0L)));
        }

        @Override
        public String toString() {
            return (allReady ? "all ready" : "not all ready") + " " + backlogs;
        }
    }

    private final Platform platform;
    private final LocalPostgres postgres;
    private final Map<String, String> databases;
    private final Admin admin;

    Backlogs(Platform platform, LocalPostgres postgres, Map<String, String> databases) {
        this.platform = platform;
        this.postgres = postgres;
        this.databases = databases;
        Properties config = new Properties();
        config.putAll(platform.broker().asAdmin());
        config.put("default.api.timeout.ms", 5_000);
        config.put("request.timeout.ms", 4_000);
        this.admin = Admin.create(config);
    }

    Reading read() {
        Map<String, Long> backlogs = new LinkedHashMap<>();
        GROUPS.forEach((group, topic) -> backlogs.put("lag " + group, lag(group, topic)));
        for (Map.Entry<String, String> database : databases.entrySet()) {
            backlogs.put("outbox " + database.getKey(), count(database.getValue(),
                    "select count(*) from outbox_event where published_at is null"));
        }
        // waiting, or claimed by a dispatcher (a crashed one's claims until the lease runs out or it restarts)
        backlogs.put("messages queued", count(databases.get("notification-service"),
                "select count(*) from notification where status in ('QUEUED', 'SENDING')"));
        // a message retries only after a failed attempt: they tell how far an outage of SMTP or SMPP still reaches
        backlogs.put("messages retrying", count(databases.get("notification-service"),
                "select count(*) from notification where status = 'RETRYING'"));
        boolean allReady = platform.services().stream().allMatch(QuarkusService::isReady);
        return new Reading(allReady, backlogs);
    }

    private long lag(String group, String topic) {
        try {
            return ConsumerLag.of(admin, group, topic);
        } catch (RuntimeException brokerAway) {
            return -1;
        }
    }

    private long count(String database, String sql) {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException databaseAway) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
