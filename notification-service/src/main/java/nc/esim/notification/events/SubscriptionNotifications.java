package nc.esim.notification.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * Records the customer messages a subscription event calls for: an email when the customer gave an
 * address, an SMS to the line. Exactly one per event and channel, however often the event is
 * replayed (a unique key on cause event and channel). Sending them over SMTP and SMPP, with
 * templates, preferences and quiet hours, is the notification issue's work; here they are QUEUED.
 */
@ApplicationScoped
public class SubscriptionNotifications implements ConsumerLoop.BatchHandler {
    private final EntityManager entityManager;
    private final RejectedRecords rejected;
    private final Clock clock;

    public SubscriptionNotifications(EntityManager entityManager, RejectedRecords rejected, Clock clock) {
        this.entityManager = entityManager;
        this.rejected = rejected;
        this.clock = clock;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<SubscriptionEventV1> batch = IncomingEvents.decode(records, SubscriptionEventV1.class,
                e -> e.schemaVersion() == SubscriptionEventV1.SCHEMA_VERSION && e.iccid() != null && e.type() != null,
                "schemaVersion 1 with iccid and type");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.events().forEach(this::record));
        }
        rejected.publish(batch.rejections());
    }

    private void record(IncomingEvents.Decoded<SubscriptionEventV1> decoded) {
        SubscriptionEventV1 event = decoded.event();
        if (!event.type().notifiesCustomer()) {
            return;
        }
        String template = "subscription-" + event.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String language = event.language() == null ? "fr" : event.language();
        Instant now = clock.instant();
        if (event.email() != null && !event.email().isBlank()) {
            insertOnce(decoded.metadata(), event, "EMAIL", event.email(), template, language, now);
        }
        if (event.msisdn() != null) {
            insertOnce(decoded.metadata(), event, "SMS", event.msisdn(), template, language, now);
        }
    }

    private void insertOnce(EventMetadata cause, SubscriptionEventV1 event, String channel, String destination,
                            String template, String language, Instant now) {
        entityManager.createNativeQuery("""
                        insert into notification (id, cause_event_id, cause_type, iccid, channel, destination, template,
                                                  language, status, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'QUEUED', ?9)
                        on conflict on constraint notification_once_per_event_and_channel do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, cause.id())
                .setParameter(3, cause.type())
                .setParameter(4, event.iccid())
                .setParameter(5, channel)
                .setParameter(6, destination)
                .setParameter(7, template)
                .setParameter(8, language)
                .setParameter(9, now)
                .executeUpdate();
    }
}
