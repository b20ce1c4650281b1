package nc.esim.infra.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group is behind the end of a topic: tells a test or a benchmark when a service has caught up. */
public final class ConsumerLag {
    private ConsumerLag() {
    }

    private static Admin admin(Map<String, Object> connection) {
        Properties config = new Properties();
        config.putAll(connection);
        return Admin.create(config);
    }

    /** Records of {@code topic} not yet committed by {@code groupId}, read with the caller's admin client. */
    public static long of(Admin admin, String groupId, String topic) {
        try {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                lag += ends.get(partition).offset() - (position == null ? 0 : position.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the lag of " + groupId + " on " + topic, e);
        }
    }

    /**
     * Waits until the group has committed everything now in the topic; throws after {@code timeout}.
     * {@code connection}: a principal that may describe the group ({@link LocalKafkaBroker#asAdmin}).
     */
    public static void awaitCaughtUp(Map<String, Object> connection, String groupId, String topic, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = admin(connection)) { // one client for all the polls: a benchmark measures with this
            long lag;
            while ((lag = of(admin, groupId, topic)) > 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(groupId + " still " + lag + " records behind on " + topic);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
