package nc.esim.notification.events;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.subscription.SubscriptionEventCheck;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.notification.customers.Customers;
import nc.esim.notification.queue.Message;
import nc.esim.notification.queue.MessageQueue;

/**
 * Records the customer messages a subscription event calls for: an email when the customer gave an
 * address, an SMS to the line. Exactly one per event and channel, however often the event is
 * replayed, after the customer's preferences and caps ({@link MessageQueue}); {@code EmailDispatcher}
 * and {@code SmsDispatcher} send them. Every event also
 * updates the customer's addresses and language ({@link Customers}) for usage alerts.
 */
@ApplicationScoped
public class SubscriptionNotifications implements ConsumerLoop.BatchHandler {
    private final MessageQueue queue;
    private final Customers customers;
    private final RejectedRecords rejected;

    public SubscriptionNotifications(MessageQueue queue, Customers customers, RejectedRecords rejected) {
        this.queue = queue;
        this.customers = customers;
        this.rejected = rejected;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<SubscriptionEventV1> batch = IncomingEvents.decodeChecked(records, SubscriptionEventV1.class,
                SubscriptionEventCheck::violation, "INVALID_EVENT");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.events().forEach(this::record));
        }
        rejected.publish(batch.rejections());
    }

    private void record(IncomingEvents.Decoded<SubscriptionEventV1> decoded) {
        SubscriptionEventV1 event = decoded.event();
        if (event.occurredAt() != null) {
            customers.remember(event.iccid(), event.msisdn(), event.email(), event.language(), event.occurredAt());
        }
        if (!event.type().notifiesCustomer()) {
            return;
        }
        String template = "subscription-" + event.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        queue.enqueue(new Message(decoded.metadata(), event.iccid(), template, "SERVICE", false,
                MessageParameters.of(event), event.language(), event.email(), event.msisdn()));
    }
}
