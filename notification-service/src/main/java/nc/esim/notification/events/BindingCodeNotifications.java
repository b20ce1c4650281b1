package nc.esim.notification.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.customer.BindingCodeV1;
import nc.esim.notification.queue.Message;
import nc.esim.notification.queue.MessageQueue;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * Sends the one-time code of {@code esim.binding-code.v1} by SMS to the line, at once (urgent: quiet hours do
 * not hold it) and whatever the customer opted out of (SECURITY: the customer asked for it). Once per
 * challenge (its id is the event's). A code whose validity is over by the time it is read is not sent.
 */
@ApplicationScoped
public class BindingCodeNotifications implements ConsumerLoop.BatchHandler {
    private final MessageQueue queue;
    private final RejectedRecords rejected;
    private final java.time.Clock clock;

    public BindingCodeNotifications(MessageQueue queue, RejectedRecords rejected, java.time.Clock clock) {
        this.queue = queue;
        this.rejected = rejected;
        this.clock = clock;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<BindingCodeV1> batch = IncomingEvents.decode(records, BindingCodeV1.class,
                BindingCodeV1::complete, "schemaVersion 1 with a challenge, an ICCID, an MSISDN, 6 digits and an expiry");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.events().forEach(this::record));
        }
        rejected.publish(batch.rejections());
    }

    private void record(IncomingEvents.Decoded<BindingCodeV1> decoded) {
        BindingCodeV1 code = decoded.event();
        if (!clock.instant().isBefore(code.expiresAt())) {
            return;
        }
        // billing stamps the expiry a few milliseconds before the event: 9 min 59.9 s is "10 min"
        long seconds = Duration.between(code.occurredAt() == null ? decoded.metadata().time() : code.occurredAt(),
                code.expiresAt()).toSeconds();
        int minutes = (int) Math.max(1, Math.round(seconds / 60.0));
        queue.enqueue(new Message(decoded.metadata(), code.iccid(), "binding-code", "SECURITY", true,
                MessageParameters.ofCode(code.code(), minutes), code.language(), null, code.msisdn()));
    }
}
