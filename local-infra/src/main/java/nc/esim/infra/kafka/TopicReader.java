package nc.esim.infra.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, as an analyst's consumer would, for tests to assert on what was published. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Reads {@code topic} from its start, connected as {@code connection} says ({@link LocalKafkaBroker#as}), until {@code expected} records match {@code filter} or
     * {@code timeout} passes, and returns the matching records (possibly fewer than expected).
     */
    public static List<ConsumerRecord<String, byte[]>> read(Map<String, Object> connection, String topic,
                                                            Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int expected, Duration timeout) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (matching.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    /**
     * Reads every record {@code topic} holds now, from the start of each partition to its end, and
     * returns them; {@code timeout} bounds the whole read.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(Map<String, Object> connection, String topic, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        forEachRecord(connection, topic, timeout, all::add);
        return all;
    }

    /**
     * Hands every record {@code topic} holds now to {@code sink}, from the start of each partition to its
     * end, without keeping them (a topic of millions of records); returns how many.
     */
    public static long forEachRecord(Map<String, Object> connection, String topic, Duration timeout,
                                     java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read all of " + topic + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    sink.accept(record);
                    count++;
                }
            }
        }
        return count;
    }
}
