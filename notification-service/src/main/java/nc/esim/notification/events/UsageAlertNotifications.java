package nc.esim.notification.events;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.notification.customers.Customers;
import nc.esim.notification.queue.Message;
import nc.esim.notification.queue.MessageQueue;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * Tells the customer when a quota of an allowance crosses 80 % or 100 % (esim.usage.alerts.v1): an email
 * to the address billing last gave, an SMS to the line. An alert replayed changes nothing (its id is the
 * allowance, quota and level).
 *
 * <p>Data is told by what the whole line has left. With data left in other live allowances, a plan's
 * 80 % or 100 % says how much remains ("…-more-left", not urgent). The line out of data
 * (DATA_EXHAUSTED) is urgent: it goes at once, even in quiet hours; the 100 % raised with it says
 * nothing of its own, nor does an 80 % that one record took straight to 100 %
 * ({@link UsageAlertV1#toldByAnother}). A record from before kinds existed is worded as it always was.
 */
@ApplicationScoped
public class UsageAlertNotifications implements ConsumerLoop.BatchHandler {
    private final MessageQueue queue;
    private final Customers customers;
    private final RejectedRecords rejected;

    public UsageAlertNotifications(MessageQueue queue, Customers customers, RejectedRecords rejected) {
        this.queue = queue;
        this.customers = customers;
        this.rejected = rejected;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<UsageAlertV1> batch = IncomingEvents.decode(records, UsageAlertV1.class,
                a -> a.schemaVersion() == UsageAlertV1.SCHEMA_VERSION && a.iccid() != null && a.quota() != null
                        && (a.levelPercent() == 80 || a.levelPercent() == 100),
                "schemaVersion 1 with iccid, quota and a level of 80 or 100");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.events().forEach(this::record));
        }
        rejected.publish(batch.rejections());
    }

    private void record(IncomingEvents.Decoded<UsageAlertV1> decoded) {
        UsageAlertV1 alert = decoded.event();
        Optional<Customers.Customer> customer = customers.of(alert.iccid());
        if (alert.toldByAnother()) {
            return;
        }
        String template;
        boolean urgent;
        if (alert.kindOrDefault() == UsageAlertV1.Kind.DATA_EXHAUSTED) {
            template = "usage-data-exhausted";
            urgent = true;
        } else {
            template = "usage-" + alert.quota().name().toLowerCase(Locale.ROOT) + "-" + alert.levelPercent()
                    + (alert.quota() == UsageType.DATA && alert.dataLeftElsewhere() > 0 ? "-more-left" : "");
            urgent = alert.quota() == UsageType.DATA && alert.levelPercent() >= 100 && alert.dataLeftElsewhere() == 0;
        }
        queue.enqueue(new Message(decoded.metadata(), alert.iccid(), template, "SERVICE", urgent, MessageParameters.of(alert),
                customer.map(Customers.Customer::language).orElse(null), customer.map(Customers.Customer::email).orElse(null),
                customer.map(Customers.Customer::msisdn).orElse(null)));
    }
}
