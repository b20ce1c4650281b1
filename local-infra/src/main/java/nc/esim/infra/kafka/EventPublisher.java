package nc.esim.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;

/**
 * Publishes events the way another service of the platform would, for tests of one service in isolation.
 * Each record goes out as the principal that may write its topic ({@link KafkaAccessPolicy#writerOf}):
 * a test of usage-service publishes subscription facts as billing-service does. {@link #as} gives a
 * publisher bound to one principal, for a test that forges.
 */
public final class EventPublisher implements AutoCloseable {
    private final Function<KafkaPrincipal, Map<String, Object>> connections;
    private final KafkaPrincipal only;
    private final Map<KafkaPrincipal, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();

    private EventPublisher(Function<KafkaPrincipal, Map<String, Object>> connections, KafkaPrincipal only) {
        this.connections = connections;
        this.only = only;
    }

    /** Publishes each topic as its writer. */
    public EventPublisher(LocalKafkaBroker broker) {
        this(broker::as, null);
    }

    /** Publishes every topic as {@code principal}, allowed or not. */
    public static EventPublisher as(LocalKafkaBroker broker, KafkaPrincipal principal) {
        return new EventPublisher(broker::as, principal);
    }

    private KafkaProducer<String, byte[]> producer(String topic) {
        KafkaPrincipal principal = only != null ? only : KafkaAccessPolicy.writerOf(topic);
        return producers.computeIfAbsent(principal, p -> {
            Properties config = new Properties();
            config.putAll(connections.apply(p));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        });
    }

    /** An event with its CloudEvents headers, keyed by its subject; waits for the broker's acknowledgement. */
    public void publish(String topic, EventMetadata metadata, Object payload) {
        send(record(topic, metadata, payload));
    }

    /** One event of a burst: its CloudEvents metadata and its payload. */
    public record Event(EventMetadata metadata, Object payload) {
    }

    /** A burst: every event sent at once, then every acknowledgement awaited (a flood, not a drip). */
    public void publishAll(String topic, List<Event> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (Event event : events) {
            sent.add(producer(topic).send(record(topic, event.metadata(), event.payload())));
        }
        try {
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge a burst of events", e);
        }
    }

    /** Raw bytes, with no headers: what a broken or foreign producer might send. */
    public void publishRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private static ProducerRecord<String, byte[]> record(String topic, EventMetadata metadata, Object payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, metadata.subject(), EventJson.write(payload));
        CloudEventHeaders.write(metadata, record.headers());
        return record;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer(record.topic()).send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge a test event", e);
        }
    }

    @Override
    public void close() {
        producers.values().forEach(producer -> producer.close(Duration.ofSeconds(5)));
    }
}
