package nc.esim.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventMetadata;
import nc.esim.support.kafka.Acknowledgements;
import nc.esim.support.kafka.KafkaSettings;

/**
 * Publishes the events of a service's {@code outbox_event} table to Kafka in id order with an
 * idempotent producer, and marks them published in the transaction that read them. One relay at a
 * time across all instances (a transaction-scoped advisory lock), so events of one ICCID keep their
 * order. If Kafka is down, the transaction rolls back and the events wait for the next run: none lost,
 * none reordered. A crash after the send and before the commit publishes those events again;
 * consumers deduplicate on the CloudEvents id.
 *
 * <p>Each service schedules {@link #relayWaiting()}; the table has the same shape in every service.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;
    private final long lockId;
    private final int batchSize;

    /** @param lockId the advisory lock that keeps one relay at a time for this service's database */
    public OutboxRelay(DataSource dataSource, KafkaSettings kafka, Clock clock, long lockId, int batchSize) {
        this.dataSource = dataSource;
        this.producer = kafka.newProducer(kafka.producer("outbox-relay"), new StringSerializer(),
                new ByteArraySerializer());
        this.clock = clock;
        this.lockId = lockId;
        this.batchSize = batchSize;
    }

    /** Relays batches until none is full; a failure leaves the events waiting for the next call. */
    public void relayWaiting() {
        try {
            while (relayBatch() == batchSize) {
                // a full batch: there may be more waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay paused, events wait for the next run: %s", e.toString());
        }
    }

    /** Publishes up to one batch of waiting events; returns how many. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!locked(connection)) {
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<?>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("""
                        select id, event_id, topic, event_key, event_type, source, occurred_at, payload
                        from outbox_event where published_at is null order by id limit ?""")) {
                    select.setInt(1, batchSize);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString(3),
                                    rows.getString(4), rows.getBytes(8));
                            CloudEventHeaders.write(new EventMetadata(rows.getString(2), rows.getString(5),
                                    rows.getString(6), rows.getString(4), rows.getTimestamp(7).toInstant()),
                                    record.headers());
                            acks.add(producer.send(record));
                        }
                    }
                }
                Acknowledgements.awaitAll(acks, "the outbox batch");
                markPublished(connection, ids);
                return ids.size();
            }
        });
    }

    private boolean locked(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private void markPublished(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set published_at = ? where id = any (?)")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
