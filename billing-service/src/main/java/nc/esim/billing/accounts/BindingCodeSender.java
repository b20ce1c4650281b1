package nc.esim.billing.accounts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nc.esim.billing.BillingConfig;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.BindingCodeV1;
import nc.esim.support.kafka.KafkaSettings;

/**
 * Hands a one-time code to notification-service on {@code esim.binding-code.v1}, and waits until the broker
 * has it. Not through the outbox: the outbox keeps an event's payload in the database, and the code must be
 * kept nowhere in clear. A code that cannot be handed over is void; the customer asks for another.
 */
@ApplicationScoped
public class BindingCodeSender {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final KafkaProducer<String, byte[]> producer;
    private final String source;

    public BindingCodeSender(KafkaSettings kafka, BillingConfig config) {
        this.producer = kafka.newProducer(kafka.producer("binding-codes"), new StringSerializer(), new ByteArraySerializer());
        this.source = config.eventSource();
    }

    /** Whether the broker took the code within a few seconds. */
    public boolean send(BindingCodeV1 code) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BINDING_CODE, code.iccid(), EventJson.write(code));
        CloudEventHeaders.write(new EventMetadata(code.challenge(), BindingCodeV1.CLOUD_EVENT_TYPE, source, code.iccid(),
                code.occurredAt()), record.headers());
        try {
            producer.send(record).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
