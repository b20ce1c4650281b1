package nc.esim.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.SimulatedRecord;

/**
 * The bare durable path, the physical limit of storing every CDR exactly once on this machine: plain
 * Kafka consumers (one per partition, as many as usage-service's consumer loops) read the CDRs and, per poll, loads them with {@code COPY} into a staging table, moves
 * the new ones into a table with usage_record's unique identity index ({@code on conflict do nothing}:
 * the simulator resends records), commits the transaction, then the offsets. Nothing is parsed beyond
 * the five identity fields the index needs (the CDR is stored as it came), nothing is rated, no event is
 * sent. Records without those fields are skipped, as usage-service rejects them.
 */
final class DurablePath {
    private static final JsonFactory JSON = new JsonFactory();

    private DurablePath() {
    }

    static void createTable(LocalPostgres postgres, String database) throws SQLException {
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("""
                    create table bench_durable_cdr (
                        iccid text collate "C" not null, start_time timestamptz not null,
                        recording_node text collate "C" not null, charging_id bigint not null,
                        sequence_number int not null, body text not null)""");
            sql.execute("""
                    create unique index bench_durable_identity on bench_durable_cdr
                        (iccid, start_time desc, recording_node desc, charging_id desc, sequence_number desc)""");
        }
    }

    /**
     * Produces {@code input} to {@code topic} while the durable consumers load it, one per partition
     * (usage-service runs as many consumer loops), each with its own connection; records/s from the first
     * send until the offsets of the last record are committed. The table is emptied first.
     */
    static double rate(Map<String, Object> connection, String topic, int partitions, List<SimulatedRecord> input,
                       LocalPostgres postgres, String database) throws Exception {
        try (Connection db = postgres.connect(database); Statement sql = db.createStatement()) {
            sql.execute("truncate bench_durable_cdr");
        }
        String group = "bench-durable-" + UUID.randomUUID();
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService loaders = Executors.newFixedThreadPool(partitions);
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(partitions);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Future<Long>> finished = new java.util.ArrayList<>();
        try {
            for (int p = 0; p < partitions; p++) {
                TopicPartition partition = new TopicPartition(topic, p);
                finished.add(loaders.submit(() -> load(connection, group, partition, postgres, database, input.size(),
                        seen, ready, go)));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            try (CdrPublisher publisher = new CdrPublisher(connection, topic)) {
                publisher.publishAll(input);
            }
            long last = started;
            for (Future<Long> done : finished) {
                last = Math.max(last, done.get());
            }
            return input.size() / ((last - started) / 1e9);
        } finally {
            loaders.shutdownNow();
        }
    }

    /** One loader: its partition, polled, loaded and committed until every record of the run is stored. */
    private static long load(Map<String, Object> connection, String group, TopicPartition partition,
                             LocalPostgres postgres, String database, long total, java.util.concurrent.atomic.AtomicLong seen,
                             java.util.concurrent.CountDownLatch ready, java.util.concurrent.CountDownLatch go)
            throws Exception {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000); // usage-service's batch
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
             Connection db = postgres.connect(database)) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("create temporary table bench_durable_staging (like bench_durable_cdr) on commit delete rows");
            }
            db.commit();
            consumer.assign(List.of(partition)); // one partition each, as a group would share them, without waiting for it
            consumer.poll(Duration.ofMillis(100));
            ready.countDown();
            go.await();
            long last = System.nanoTime();
            while (seen.get() < total) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                load(db, batch);
                consumer.commitSync();
                seen.addAndGet(batch.count());
                last = System.nanoTime();
            }
            return last;
        }
    }

    private static void load(Connection db, ConsumerRecords<String, byte[]> batch) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder(batch.count() * 400);
        for (ConsumerRecord<String, byte[]> record : batch) {
            appendRow(rows, record.value());
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_durable_staging from stdin",
                new StringReader(rows.toString()));
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("insert into bench_durable_cdr select * from bench_durable_staging on conflict do nothing");
        }
        db.commit();
    }

    /** One line of COPY's text format: the identity fields, then the CDR as it came. */
    private static void appendRow(StringBuilder rows, byte[] value) {
        String iccid = null;
        String start = null;
        String node = null;
        long chargingId = -1;
        long sequence = -1;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "iccid" -> iccid = parser.getValueAsString();
                    case "startTime" -> start = parser.getValueAsString();
                    case "recordingNode" -> node = parser.getValueAsString();
                    case "chargingId" -> chargingId = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                    case "sequenceNumber" -> sequence = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException malformed) {
            return;
        }
        if (iccid == null || start == null || node == null || chargingId < 0 || sequence < 0 || !parsable(start)) {
            return;
        }
        rows.append(escape(iccid)).append('\t').append(start).append('\t').append(escape(node)).append('\t')
                .append(chargingId).append('\t').append(sequence).append('\t')
                .append(escape(new String(value, java.nio.charset.StandardCharsets.UTF_8))).append('\n');
    }

    private static boolean parsable(String instant) {
        try {
            Instant.parse(instant);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
