package nc.esim.billing.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.support.outbox.OutboxMaintenance;

/** Published outbox events go after the retention (7 days); waiting ones never; the backlog is gauged. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OutboxMaintenanceTest {
    /** billing's relay lock (esim.outbox.lock): held here, the relay leaves the test's waiting event alone. */
    private static final long RELAY_LOCK = 0x0E51_B111_0001L;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxMaintenance maintenance;

    private static String insert(Connection connection, Instant occurredAt, Instant publishedAt) throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload, published_at)
                values (?, 'esim.test.outbox-maintenance', 'key', 'test', '/test', ?, '{}'::bytea, ?)""")) {
            insert.setString(1, eventId);
            insert.setTimestamp(2, Timestamp.from(occurredAt));
            insert.setTimestamp(3, publishedAt == null ? null : Timestamp.from(publishedAt));
            insert.executeUpdate();
        }
        return eventId;
    }

    private static boolean exists(Connection connection, String eventId) throws Exception {
        try (PreparedStatement select = connection.prepareStatement("select 1 from outbox_event where event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Test
    void eventsPublishedBeforeTheRetentionAreDeletedAndWaitingOrRecentOnesStay() throws Exception {
        Instant now = Instant.now();
        try (Connection lock = dataSource.getConnection(); Connection connection = dataSource.getConnection()) {
            try (PreparedStatement hold = lock.prepareStatement("select pg_advisory_lock(?)")) {
                hold.setLong(1, RELAY_LOCK);
                hold.execute();
            }
            try {
                String old = insert(connection, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
                String recent = insert(connection, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
                String waiting = insert(connection, now.minus(Duration.ofDays(30)), null);

                assertThat(maintenance.purgePublished()).isGreaterThanOrEqualTo(1);
                assertThat(exists(connection, old)).isFalse();
                assertThat(exists(connection, recent)).isTrue();
                assertThat(exists(connection, waiting)).isTrue();

                OutboxMaintenance.Backlog backlog = maintenance.backlog();
                assertThat(backlog.waiting()).isGreaterThanOrEqualTo(1);
                assertThat(backlog.oldest()).isBeforeOrEqualTo(now.minus(Duration.ofDays(30)).plusMillis(1));
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metrics).contains("esim_outbox_waiting").contains("esim_outbox_oldest_waiting_seconds")
                        .contains("esim_outbox_purged_total");
                // a second purge finds nothing more to delete: the recent event is within the retention
                assertThat(maintenance.purgePublished()).isZero();
                try (PreparedStatement cleanUp = connection.prepareStatement("delete from outbox_event where event_id = ?")) {
                    cleanUp.setString(1, waiting);
                    cleanUp.executeUpdate();
                }
            } finally {
                try (PreparedStatement release = lock.prepareStatement("select pg_advisory_unlock(?)")) {
                    release.setLong(1, RELAY_LOCK);
                    release.execute();
                }
            }
        }
    }
}
