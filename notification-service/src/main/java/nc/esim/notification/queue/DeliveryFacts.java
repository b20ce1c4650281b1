package nc.esim.notification.queue;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.support.outbox.OutboxWriter;

/**
 * Writes what happened to a message (SENT, FAILED, SUPPRESSED; DELIVERED comes with SMS receipts) to the
 * outbox in the caller's transaction, for esim.notification.v1: delivery facts, never an address.
 */
public final class DeliveryFacts {
    private static final String SOURCE = "/notification-service";

    private DeliveryFacts() {
    }

    public static void publish(EntityManager entityManager, String notificationId, String iccid, String channel,
                               String template, String language, String status, String causeEventId, Instant now) {
        NotificationEventV1 fact = new NotificationEventV1(NotificationEventV1.SCHEMA_VERSION, notificationId, iccid,
                channel, template, language, status, causeEventId, now);
        EventMetadata metadata = EventMetadata.newEvent("nc.esim.notification." + status.toLowerCase(Locale.ROOT) + ".v1",
                SOURCE, iccid, now);
        entityManager.unwrap(Session.class).doWork(connection -> OutboxWriter.append(connection, Topics.NOTIFICATION,
                metadata, fact));
    }
}
