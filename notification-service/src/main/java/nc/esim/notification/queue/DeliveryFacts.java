package nc.esim.notification.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.support.outbox.OutboxWriter;

/**
 * Writes what happened to a message (SENT, FAILED, SUPPRESSED; DELIVERED and EXPIRED come with SMS receipts) to the
 * outbox in the caller's transaction, for esim.notification.v1: delivery facts, never an address.
 */
public final class DeliveryFacts {
    private static final String SOURCE = "/notification-service";

    private DeliveryFacts() {
    }

    /** What happened to one message. */
    public record Fact(String notificationId, String iccid, Channel channel, String template, String language,
                       DeliveryStatus status, String causeEventId, Instant at) {
        OutboxWriter.Event event() {
            NotificationEventV1 fact = new NotificationEventV1(NotificationEventV1.SCHEMA_VERSION, notificationId, iccid,
                    channel.name(), template, language, status.name(), causeEventId, at);
            EventMetadata metadata = EventMetadata.newEvent(
                    "nc.esim.notification." + status.name().toLowerCase(Locale.ROOT) + ".v1", SOURCE, iccid, at);
            return new OutboxWriter.Event(metadata, fact);
        }
    }

    /** Appends the facts to the outbox on the caller's connection, in one batch. */
    public static void append(Connection connection, List<Fact> facts) throws SQLException {
        OutboxWriter.appendAll(connection, Topics.NOTIFICATION, facts.stream().map(Fact::event).toList());
    }

    public static void publish(EntityManager entityManager, String notificationId, String iccid, String channel,
                               String template, String language, String status, String causeEventId, Instant now) {
        Fact fact = new Fact(notificationId, iccid, Channel.valueOf(channel), template, language,
                DeliveryStatus.valueOf(status), causeEventId, now);
        entityManager.unwrap(Session.class).doWork(connection -> append(connection, List.of(fact)));
    }
}
