package nc.esim.support.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

/**
 * The Kafka clients of a service, on the Quarkus Kafka extension: every {@code kafka.*} property (env
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}, ...) applies to every client, as the
 * extension's {@code default-kafka-broker} configuration gives them. Each client created here is
 * announced as a CDI event, which is how the extension's Micrometer binder attaches Kafka's client
 * metrics ({@code kafka_consumer_*}, {@code kafka_producer_*}) to it. Producers are idempotent with
 * {@code acks=all}; consumers never auto-commit, since each service decides when a record counts as
 * processed.
 *
 * <p>{@code kafka.request.timeout.ms} and {@code kafka.default.api.timeout.ms} tune the extension's admin
 * client (its health check answers within them); producers and consumers keep the timeouts set here.
 */
@ApplicationScoped
public class KafkaSettings {
    private static final Set<String> ADMIN_ONLY = Set.of(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
            CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);

    private final Map<String, Object> shared;
    private final String clientIdPrefix;
    private final Event<Producer<?, ?>> producerCreated;
    private final Event<Consumer<?, ?>> consumerCreated;

    @Inject
    public KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> shared,
                         @ConfigProperty(name = "quarkus.application.name") String applicationName,
                         @Any Event<Producer<?, ?>> producerCreated, @Any Event<Consumer<?, ?>> consumerCreated) {
        this.shared = Map.copyOf(shared);
        this.clientIdPrefix = applicationName;
        this.producerCreated = producerCreated;
        this.consumerCreated = consumerCreated;
    }

    /**
     * Settings for a program outside CDI (a harness, a test of the consumer loop): the same clients,
     * with {@code shared} as their common configuration, not bound to any metrics registry.
     */
    public KafkaSettings(Map<String, Object> shared, String applicationName) {
        this.shared = Map.copyOf(shared);
        this.clientIdPrefix = applicationName;
        this.producerCreated = null;
        this.consumerCreated = null;
    }

    public String bootstrapServers() {
        return String.valueOf(shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    public Properties producer(String clientId) {
        Properties config = common(clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    /**
     * A producer for streams of many small events sent in bursts (a rated record per CDR): large
     * batches, so that a burst of thousands goes out in a few requests, compressed with LZ4. The broker
     * checks an uncompressed batch record by record and skips through a compressed one, so its CPU per
     * record halves (bench/README.md has the figures). Same delivery guarantees as {@link #producer}.
     */
    public Properties bulkProducer(String clientId) {
        Properties config = producer(clientId);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    /**
     * A consumer in {@code groupId}. A member that dies without leaving (kill -9, a lost machine) keeps its
     * partitions until the broker stops hearing from it: with Kafka's default session of 45 s, bench/faults
     * saw CDR ingest stall 47 s after one of two usage-service instances was killed. The session here is
     * 10 s, heartbeats every 3 s (a {@code kafka.session.timeout.ms} of the service's overrides it).
     */
    public Properties consumer(String groupId, String clientId) {
        Properties config = common(clientId);
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    public Properties admin() {
        return common("admin");
    }

    /** A producer with {@code config}, its client metrics bound. */
    public <K, V> KafkaProducer<K, V> newProducer(Properties config, Serializer<K> keys, Serializer<V> values) {
        KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values);
        if (producerCreated != null) {
            producerCreated.fire(producer);
        }
        return producer;
    }

    /** A consumer with {@code config}, its client metrics bound. */
    public <K, V> KafkaConsumer<K, V> newConsumer(Properties config, Deserializer<K> keys, Deserializer<V> values) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values);
        if (consumerCreated != null) {
            consumerCreated.fire(consumer);
        }
        return consumer;
    }

    private Properties common(String clientId) {
        Properties config = new Properties();
        shared.forEach((key, value) -> {
            if (!ADMIN_ONLY.contains(key)) {
                config.put(key, value);
            }
        });
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "-" + clientId);
        return config;
    }
}
