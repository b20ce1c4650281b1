package nc.esim.support.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * input's rejected topic with the reason in headers. Nothing is dropped silently.
 */
@ApplicationScoped
public class RejectedRecords {
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
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.rejectedOf(original.topic()),
                    original.key(), original.value());
            for (Header header : original.headers()) {
                record.headers().add(header);
            }
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

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
