package nc.esim.console.sources;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import nc.esim.support.kafka.KafkaSettings;

/**
 * Consumer lag of every consumer group, from Kafka's Admin API: per partition, the records between the
 * group's committed offset and the end of the partition (the last stable offset, as read_committed
 * consumers see it), and in seconds the age of the oldest record not yet consumed (the one at the
 * committed offset, read by a group-less consumer; not for the secret topics, which the console may not
 * read). Also whether the cluster answers at all.
 */
@ApplicationScoped
public class KafkaLag {
    private static final long TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final Clock clock;

    public KafkaLag(KafkaSettings settings, Clock clock) {
        Properties adminConfig = settings.admin();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(adminConfig);
        Properties readerConfig = settings.admin();
        readerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, readerConfig.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-lag-reader");
        readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        readerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        readerConfig.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        readerConfig.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.reader = settings.newConsumer(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clock = clock;
    }

    /** One partition of one group; {@code seconds} is null when the oldest unconsumed record could not be read. */
    public record PartitionLag(String group, String topic, int partition, long committed, long end, long records,
                               Double seconds) {
    }

    /** True when the cluster names at least one broker within the timeout. */
    public boolean clusterAnswers() {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The lag of every group, sorted by group, topic and partition. Called from one thread at a time. */
    public synchronized List<PartitionLag> lag() throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(groups).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            if (offset == null || !ends.containsKey(partition)) {
                return;
            }
            long end = ends.get(partition).offset();
            long records = Math.max(0, end - offset.offset());
            lags.add(new PartitionLag(group, partition.topic(), partition.partition(), offset.offset(), end, records, null));
        }));
        Map<TopicPartition, Map<Long, Long>> timestamps = timestampsAt(lags);
        long now = clock.millis();
        List<PartitionLag> withSeconds = new ArrayList<>(lags.size());
        for (PartitionLag lag : lags) {
            Double seconds = lag.records() == 0 ? Double.valueOf(0) : null;
            Long at = timestamps.getOrDefault(new TopicPartition(lag.topic(), lag.partition()), Map.of()).get(lag.committed());
            if (lag.records() > 0 && at != null) {
                seconds = Math.max(0, now - at) / 1000.0;
            }
            withSeconds.add(new PartitionLag(lag.group(), lag.topic(), lag.partition(), lag.committed(), lag.end(),
                    lag.records(), seconds));
        }
        withSeconds.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition));
        return withSeconds;
    }

    /** The timestamps of the records at the committed offsets of lagging groups, per partition and offset. */
    private Map<TopicPartition, Map<Long, Long>> timestampsAt(List<PartitionLag> lags) {
        Map<TopicPartition, Set<Long>> wanted = new HashMap<>();
        for (PartitionLag lag : lags) {
            // a secret topic's records are not the console's to read (no READ ACL): its lag stays in records
            if (lag.records() > 0 && !nc.esim.contracts.Topics.SECRET.contains(lag.topic())) {
                wanted.computeIfAbsent(new TopicPartition(lag.topic(), lag.partition()), p -> new HashSet<>())
                        .add(lag.committed());
            }
        }
        Map<TopicPartition, Map<Long, Long>> found = new HashMap<>();
        // one offset per partition and pass: groups at different offsets of one partition take more passes
        for (int pass = 0; pass < 3 && !wanted.isEmpty(); pass++) {
            Map<TopicPartition, Long> seekTo = new HashMap<>();
            wanted.forEach((partition, offsets) -> seekTo.put(partition, offsets.iterator().next()));
            reader.assign(seekTo.keySet());
            seekTo.forEach(reader::seek);
            long deadline = System.currentTimeMillis() + 500;
            Set<TopicPartition> pending = new HashSet<>(seekTo.keySet());
            while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (pending.remove(partition)) {
                        // the first record at or after the committed offset (a transaction marker may sit at it)
                        found.computeIfAbsent(partition, p -> new HashMap<>()).put(seekTo.get(partition), record.timestamp());
                        reader.pause(List.of(partition));
                    }
                }
            }
            reader.resume(reader.paused());
            seekTo.forEach((partition, offset) -> {
                Set<Long> left = wanted.get(partition);
                left.remove(offset);
                if (left.isEmpty()) {
                    wanted.remove(partition);
                }
            });
        }
        reader.assign(List.of());
        return found;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
        reader.close(Duration.ofSeconds(2));
    }
}
