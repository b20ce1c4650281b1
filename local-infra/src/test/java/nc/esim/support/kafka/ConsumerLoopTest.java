package nc.esim.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.process.Await;

/** The shared consumer loop on a real broker: commit after the handler, rewind and back off on failure, order kept. */
class ConsumerLoopTest {
    private static final LocalKafkaBroker BROKER = LocalKafkaBroker.shared();

    private static KafkaSettings settings() {
        return new KafkaSettings(BROKER.asAdmin(), "consumer-loop-test");
    }

    private static void publish(String topic, int partitions, int records) {
        Properties config = new Properties();
        config.putAll(BROKER.asAdmin());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, "k" + i, String.valueOf(i).getBytes()));
            }
            producer.flush();
        }
    }

    private static Long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = BROKER.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return offset == null ? null : offset.offset();
        }
    }

    @Test
    void aFailedBatchIsRetriedFromItsFirstOffsetAfterABackoffAndCommittedOnlyOnceItSucceeds() throws Exception {
        String topic = "it.loop.rewind";
        String group = "it.loop.rewind.group";
        BROKER.createTopics(List.of(topic), 1);
        publish(topic, 1, 20);
        TopicPartition partition = new TopicPartition(topic, 0);

        List<List<Long>> attempts = Collections.synchronizedList(new ArrayList<>());
        List<Long> attemptTimes = Collections.synchronizedList(new ArrayList<>());
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        List<Long> committedWhileFailing = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> healthyWhileFailing = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(2);
        ConsumerLoop[] loop = new ConsumerLoop[1];
        loop[0] = new ConsumerLoop("rewind", settings(), group, 50, List.of(topic), batch -> {
            List<Long> offsets = new ArrayList<>();
            batch.forEach(record -> offsets.add(record.offset()));
            attempts.add(offsets);
            attemptTimes.add(System.nanoTime());
            if (failuresLeft.getAndDecrement() > 0) {
                committedWhileFailing.add(committed(group, partition));
                healthyWhileFailing.add(loop[0].healthy());
                throw new IllegalStateException("the database is away");
            }
            handled.addAll(offsets);
        });
        try (ConsumerLoop running = loop[0].start()) {
            Await.until("the 20 records handled", Duration.ofSeconds(60), () -> true, () -> handled.size() >= 20);
            Await.until("the offsets committed", Duration.ofSeconds(30), () -> true,
                    () -> Long.valueOf(20).equals(committedOrNull(group, partition)));
            assertThat(running.healthy()).isTrue();
        }
        // the failed batches started where the first did: nothing skipped, nothing reordered
        assertThat(attempts.get(0).get(0)).isZero();
        assertThat(attempts.get(1).get(0)).isZero();
        assertThat(attempts.get(2).get(0)).isZero();
        assertThat(handled).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 20).boxed().toList());
        assertThat(committedWhileFailing).containsOnlyNulls(); // nothing committed while the handler failed
        assertThat(healthyWhileFailing).containsExactly(true, false); // unhealthy from the first failure on
        // backoff: 500 ms after the first failure, 1 s after the second
        assertThat(TimeUnit.NANOSECONDS.toMillis(attemptTimes.get(1) - attemptTimes.get(0))).isGreaterThanOrEqualTo(500);
        assertThat(TimeUnit.NANOSECONDS.toMillis(attemptTimes.get(2) - attemptTimes.get(1))).isGreaterThanOrEqualTo(1_000);
    }

    private static Long committedOrNull(String group, TopicPartition partition) {
        try {
            return committed(group, partition);
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void eachPartitionsRecordsAreHandedInOffsetOrderWithoutGapsAcrossSmallBatches() throws Exception {
        String topic = "it.loop.order";
        BROKER.createTopics(List.of(topic), 2);
        publish(topic, 2, 60);
        Map<Integer, List<Long>> seen = new HashMap<>();
        AtomicInteger count = new AtomicInteger();
        AtomicInteger largestBatch = new AtomicInteger();
        ConsumerLoop loop = new ConsumerLoop("order", settings(), "it.loop.order.group", 7, List.of(topic), batch -> {
            largestBatch.accumulateAndGet(batch.count(), Math::max);
            for (ConsumerRecord<String, byte[]> record : batch) {
                synchronized (seen) {
                    seen.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.offset());
                }
                count.incrementAndGet();
            }
        });
        try (ConsumerLoop running = loop.start()) {
            Await.until("the 60 records handled", Duration.ofSeconds(60), () -> true, () -> count.get() >= 60);
        }
        assertThat(largestBatch.get()).isLessThanOrEqualTo(7);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(0, 1);
        seen.values().forEach(offsets ->
                assertThat(offsets).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList()));
    }
}
