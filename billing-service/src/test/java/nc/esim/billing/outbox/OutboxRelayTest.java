package nc.esim.billing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.support.outbox.OutboxRelay;

/**
 * The shared outbox relay, three instances at once (two here and billing's scheduled one) on one
 * database: one relays at a time, every event goes out once, in id order.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OutboxRelayTest {
    /** billing's relay lock: these instances compete with the service's own relay, as other instances would. */
    private static final long RELAY_LOCK = 0x0E51_B111_0001L;
    private static final String TOPIC = "esim.test.outbox-relay";

    @Inject
    DataSource dataSource;

    @Inject
    KafkaSettings kafka;

    @Inject
    Clock clock;

    @Test
    void relaysRacingOnOneDatabasePublishEveryEventOnceInIdOrder() throws Exception {
        RealInfrastructure.broker().createTopics(List.of(TOPIC), 1);
        RealInfrastructure.broker().allowWrite(KafkaPrincipal.BILLING, TOPIC);
        List<String> written = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload)
                     values (?, ?, 'relay-test', 'test', '/test', ?, ?)""")) {
            for (int i = 0; i < 300; i++) {
                String id = UUID.randomUUID().toString();
                insert.setString(1, id);
                insert.setString(2, TOPIC);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setBytes(4, String.valueOf(i).getBytes());
                insert.addBatch();
                written.add(id);
            }
            insert.executeBatch();
        }

        ExecutorService relays = Executors.newFixedThreadPool(2);
        try (OutboxRelay first = new OutboxRelay(dataSource, kafka, clock, RELAY_LOCK, 25);
             OutboxRelay second = new OutboxRelay(dataSource, kafka, clock, RELAY_LOCK, 25)) {
            List<Future<?>> running = new ArrayList<>();
            for (OutboxRelay relay : List.of(first, second)) {
                running.add(relays.submit(() -> {
                    for (int round = 0; round < 40; round++) {
                        relay.relayWaiting();
                    }
                }));
            }
            for (Future<?> relay : running) {
                relay.get();
            }
        } finally {
            relays.shutdownNow();
        }

        // one more than was written, so that a duplicate would be read too (the reader waits out its timeout)
        List<ConsumerRecord<String, byte[]>> published = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                TOPIC, record -> true, written.size() + 1, Duration.ofSeconds(10));
        List<String> ids = published.stream().map(r -> CloudEventHeaders.read(r.headers()).orElseThrow().id()).toList();
        assertThat(ids).containsExactlyElementsOf(written); // each once, in the order they were written
        try (Connection connection = dataSource.getConnection();
             PreparedStatement waiting = connection.prepareStatement(
                     "select count(*) from outbox_event where topic = ? and published_at is null")) {
            waiting.setString(1, TOPIC);
            try (ResultSet row = waiting.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isZero();
            }
        }
    }
}
