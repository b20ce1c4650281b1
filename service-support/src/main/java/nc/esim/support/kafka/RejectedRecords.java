package nc.esim.support.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import nc.esim.contracts.RejectionHeaders;
import nc.esim.contracts.Topics;

/**
 * Keeps every input record a service cannot accept: the original key, bytes and headers go to the
 * input's rejected topic with the reason in headers. Nothing is dropped silently, and no record can be
 * too large to reject (which would fail its batch for ever and stall its partition): a value over
 * {@value #MAX_VALUE_BYTES} bytes is kept as a truncated copy with its size and digest, and original
 * headers over {@value #MAX_HEADER_BYTES} bytes in all are left out ({@link RejectionHeaders}).
 */
@ApplicationScoped
public class RejectedRecords {
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private final KafkaProducer<String, byte[]> producer;
    private final String service;

    public RejectedRecords(KafkaSettings settings, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.producer = settings.newProducer(settings.producer("rejected"), new StringSerializer(),
                new ByteArraySerializer());
        this.service = service;
    }

    /** A rejection to publish: which record, and why. */
    public record Rejection(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    }

    /** Publishes the rejections and waits until the broker has them all; throws if it has not. */
    public void publish(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<Future<?>> acks = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            ConsumerRecord<String, byte[]> original = rejection.record();
            ProducerRecord<String, byte[]> record = copyOf(original);
            add(record, RejectionHeaders.REASON, rejection.reason());
            add(record, RejectionHeaders.DETAIL, rejection.detail());
            add(record, RejectionHeaders.REJECTED_BY, service);
            add(record, RejectionHeaders.SOURCE_TOPIC, original.topic());
            add(record, RejectionHeaders.SOURCE_PARTITION, String.valueOf(original.partition()));
            add(record, RejectionHeaders.SOURCE_OFFSET, String.valueOf(original.offset()));
            acks.add(producer.send(record));
        }
        Acknowledgements.awaitAll(acks, "the rejected records");
    }

    /** The original record for its rejected topic, cut down to what that topic takes. */
    static ProducerRecord<String, byte[]> copyOf(ConsumerRecord<String, byte[]> original) {
        byte[] value = original.value();
        String key = original.key() != null && original.key().length() > 1024 ? original.key().substring(0, 1024) : original.key();
        boolean truncate = value != null && value.length > MAX_VALUE_BYTES;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.rejectedOf(original.topic()), key,
                truncate ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value);
        int headerBytes = 0;
        int count = 0;
        for (Header header : original.headers()) {
            headerBytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
            count++;
        }
        if (headerBytes <= MAX_HEADER_BYTES) {
            for (Header header : original.headers()) {
                record.headers().add(header);
            }
        } else {
            add(record, RejectionHeaders.HEADERS_DROPPED, String.valueOf(count));
        }
        if (truncate) {
            add(record, RejectionHeaders.ORIGINAL_SIZE, String.valueOf(value.length));
            add(record, RejectionHeaders.ORIGINAL_SHA256, sha256(value));
        }
        return record;
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
