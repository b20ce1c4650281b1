package nc.esim.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nc.esim.contracts.Topics;

/** Sends generated CDRs to {@code esim.cdr.v1}, keyed by ICCID, as carrier mediation would. */
public final class CdrPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    /** A publisher of {@code esim.cdr.v1}; {@code connection}: bootstrap servers and the mediation principal's login. */
    public CdrPublisher(Map<String, Object> connection) {
        this(connection, Topics.CDR);
    }

    public CdrPublisher(Map<String, Object> connection, String topic) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "cdr-simulator");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /**
     * Sends {@code count} records (or until {@code stop} says so when count is 0), at most
     * {@code perSecond} a second (0 = as fast as the broker takes them), and waits until the broker
     * has acknowledged every one. Throws if any send failed: the ground truth is then not what the
     * broker holds.
     */
    public long publish(CdrGenerator generator, long count, int perSecond, BooleanSupplier stop) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long started = System.nanoTime();
        while ((count == 0 || sent < count) && !stop.getAsBoolean() && failure.get() == null) {
            send(generator.next(), failure);
            sent++;
            if (perSecond > 0) {
                pace(started, sent, perSecond);
            }
        }
        flush(failure);
        return sent;
    }

    /** Sends records generated beforehand, as fast as the broker takes them, and waits for every acknowledgement. */
    public void publishAll(Iterable<SimulatedRecord> records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (SimulatedRecord record : records) {
            send(record, failure);
        }
        flush(failure);
    }

    private void send(SimulatedRecord record, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private void flush(AtomicReference<Exception> failure) {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a CDR was not acknowledged by the broker", failure.get());
        }
    }

    private static void pace(long startedNanos, long sent, int perSecond) {
        long dueNanos = startedNanos + sent * 1_000_000_000L / perSecond;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(waitNanos).toMillis(), (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
