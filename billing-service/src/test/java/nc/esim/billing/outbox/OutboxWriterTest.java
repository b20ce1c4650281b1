package nc.esim.billing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.support.outbox.OutboxWriter;

/** The shared outbox writer's batch on billing's real database: order, every field, and a replayed id. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OutboxWriterTest {
    /** Never relayed: the test's transaction is rolled back, so the service's relay never sees its rows. */
    private static final String TOPIC = "esim.test.outbox-writer";

    @Inject
    DataSource dataSource;

    @Test
    void aBatchIsAppendedInItsOrderWithEveryFieldAndAnIdAlreadyThereIsSkippedWhileTheRestAreAppended() throws Exception {
        Instant at = Instant.parse("2026-12-07T09:30:00.123456Z");
        List<OutboxWriter.Event> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(event("8968791000000000" + i, at.plusSeconds(i), Map.of("n", i, "text", "reçu \"" + i + "\"\\")));
        }
        OutboxWriter.Event replayed = first.get(150);
        OutboxWriter.Event fresh = event("8968791999999999", at, Map.of("n", -1));
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                OutboxWriter.appendAll(connection, TOPIC, first);
                OutboxWriter.appendAll(connection, TOPIC, List.of(replayed, fresh));
                OutboxWriter.appendAll(connection, TOPIC, List.of());
                ids.addAll(readBack(connection, first, fresh));
            } finally {
                connection.rollback();
            }
        }
        List<String> expectedIds = new ArrayList<>(first.stream().map(e -> e.metadata().id()).toList());
        expectedIds.add(fresh.metadata().id());
        assertThat(ids).containsExactlyElementsOf(expectedIds); // in order, the replayed one once
    }

    /** Checks each row's fields against the event written in its place; returns the ids in id order. */
    private static List<String> readBack(Connection connection, List<OutboxWriter.Event> first, OutboxWriter.Event fresh)
            throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement("""
                select event_id, event_key, event_type, source, occurred_at, payload, published_at
                from outbox_event where topic = ? order by id""")) {
            read.setString(1, TOPIC);
            try (ResultSet rows = read.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    OutboxWriter.Event expected = i < first.size() ? first.get(i) : fresh;
                    assertThat(rows.getString(2)).isEqualTo(expected.metadata().subject());
                    assertThat(rows.getString(3)).isEqualTo(expected.metadata().type());
                    assertThat(rows.getString(4)).isEqualTo(expected.metadata().source());
                    assertThat(rows.getTimestamp(5).toInstant()).isEqualTo(expected.metadata().time());
                    assertThat(rows.getBytes(6)).isEqualTo(EventJson.write(expected.payload()));
                    assertThat(rows.getTimestamp(7)).isNull();
                    ids.add(rows.getString(1));
                    i++;
                }
            }
        }
        return ids;
    }

    private static OutboxWriter.Event event(String iccid, Instant at, Map<String, Object> payload) {
        return new OutboxWriter.Event(new EventMetadata(UUID.randomUUID().toString(), "nc.esim.test.v1", "/test/outbox-writer",
                iccid, at.truncatedTo(ChronoUnit.MICROS)), payload);
    }
}
