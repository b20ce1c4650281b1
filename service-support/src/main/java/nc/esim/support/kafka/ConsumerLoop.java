package nc.esim.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Polls topics on a thread of its own and hands each batch to a handler; commits the batch's offsets
 * only after the handler returned. When the handler fails (database down, say), nothing is committed:
 * the consumer rewinds to the batch's first offsets and retries with backoff, so no record is skipped
 * and the partition order holds. Handlers must therefore be idempotent (a batch may be handed over
 * again after a crash or a retry) — each service's handler says how it is.
 */
public final class ConsumerLoop implements AutoCloseable {
    /** Processes one batch; throws to have the whole batch retried. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(ConsumerRecords<String, byte[]> batch) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final BatchHandler handler;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long consecutiveFailures;

    /**
     * A loop named {@code name} (its thread, and its consumer's client id) in consumer group {@code groupId},
     * handing batches of at most {@code maxBatch} records of {@code topics} to {@code handler}.
     */
    public ConsumerLoop(String name, KafkaSettings kafka, String groupId, int maxBatch, List<String> topics,
                        BatchHandler handler) {
        Properties config = kafka.consumer(groupId, name);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
        this.name = name;
        this.consumer = kafka.newConsumer(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.handler = handler;
        this.thread = new Thread(this::run, "consumer-" + name);
    }

    public ConsumerLoop start() {
        thread.start();
        return this;
    }

    /** True while the loop runs and its last batch did not fail. */
    public boolean healthy() {
        return running && thread.isAlive() && consecutiveFailures == 0;
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                process(batch);
            }
        } catch (WakeupException stopping) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer %s stopped on an unexpected error", name);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            finished.countDown();
        }
    }

    private void process(ConsumerRecords<String, byte[]> batch) {
        try {
            handler.handle(batch);
            consumer.commitSync(nextOffsets(batch));
            consecutiveFailures = 0;
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            consecutiveFailures++;
            long backoffMillis = Math.min(30_000, 250L << Math.min(consecutiveFailures, 7));
            LOG.warnf("consumer %s: batch of %d records failed (%s), retrying in %d ms",
                    name, batch.count(), e.toString(), backoffMillis);
            rewind(batch);
            sleep(backoffMillis);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            var records = batch.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Back to the batch's first offsets; a partition revoked meanwhile restarts from its committed offset anyway. */
    private void rewind(ConsumerRecords<String, byte[]> batch) {
        var assigned = consumer.assignment();
        for (TopicPartition partition : batch.partitions()) {
            if (assigned.contains(partition)) {
                consumer.seek(partition, batch.records(partition).get(0).offset());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
