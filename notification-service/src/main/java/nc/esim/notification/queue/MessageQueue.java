package nc.esim.notification.queue;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import nc.esim.contracts.EventJson;
import nc.esim.notification.preferences.Preferences;
import nc.esim.notification.preferences.Preference;

/**
 * Turns a message into one notification per channel, exactly once per causing event and channel
 * (unique key), after the customer's rules: a channel and category the customer opted out of, or a
 * customer over {@code notification.cap.per-customer-per-day} messages on a channel in the last 24
 * hours, is SUPPRESSED (recorded, never sent, and told on esim.notification.v1); otherwise QUEUED and due
 * at once in the customer's preferred language.
 */
@ApplicationScoped
public class MessageQueue {
    private final EntityManager entityManager;
    private final Preferences preferences;
    private final Clock clock;
    private final int perCustomerPerDay;

    public MessageQueue(EntityManager entityManager, Preferences preferences, Clock clock,
                        @ConfigProperty(name = "notification.cap.per-customer-per-day", defaultValue = "20") int perCustomerPerDay) {
        this.entityManager = entityManager;
        this.preferences = preferences;
        this.clock = clock;
        this.perCustomerPerDay = perCustomerPerDay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Message message) {
        Preference preference = preferences.of(message.iccid());
        String language = preference.language() != null ? preference.language()
                : message.language() == null ? "fr" : message.language();
        Instant now = clock.instant();
        Map<String, Long> lastDay = lastDay(message.iccid(), now);
        if (message.email() != null && !message.email().isBlank()) {
            insertOnce(message, "EMAIL", message.email(), language, now,
                    suppression(message, "EMAIL", preference.allows("EMAIL", message.category()), lastDay));
        }
        if (message.msisdn() != null && !message.msisdn().isBlank()) {
            insertOnce(message, "SMS", message.msisdn(), language, now,
                    suppression(message, "SMS", preference.allows("SMS", message.category()), lastDay));
        }
    }

    /** The messages this eSIM had per channel in the last 24 hours, suppressed ones aside (one query for both). */
    private Map<String, Long> lastDay(String iccid, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select channel, count(*) from notification
                        where iccid = ?1 and created_at > ?2 and status <> 'SUPPRESSED' group by channel""")
                .setParameter(1, iccid).setParameter(2, Timestamp.from(now.minus(Duration.ofDays(1)))).getResultList();
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** Why the message must not go out on this channel, or null when it may. */
    private String suppression(Message message, String channel, boolean allowed, Map<String, Long> lastDay) {
        if (!allowed) {
            return "opted out of " + message.category().toLowerCase() + " messages by " + channel.toLowerCase();
        }
        return lastDay.getOrDefault(channel, 0L) >= perCustomerPerDay
                ? "per-customer cap of " + perCustomerPerDay + " a day reached" : null;
    }

    private void insertOnce(Message message, String channel, String destination, String language, Instant now,
                            String suppressed) {
        UUID id = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                        insert into notification (id, cause_event_id, cause_type, iccid, channel, destination, template,
                                                  language, status, created_at, parameters, next_attempt_at, category,
                                                  urgent, last_error, cause_occurred_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as jsonb), ?12, ?13, ?14, ?15, ?16)
                        on conflict on constraint notification_once_per_event_and_channel do nothing""")
                .setParameter(1, id)
                .setParameter(2, message.cause().id())
                .setParameter(3, message.cause().type())
                .setParameter(4, message.iccid())
                .setParameter(5, channel)
                .setParameter(6, destination)
                .setParameter(7, message.template())
                .setParameter(8, language)
                .setParameter(9, suppressed == null ? "QUEUED" : "SUPPRESSED")
                .setParameter(10, now)
                .setParameter(11, new String(EventJson.write(message.parameters()), StandardCharsets.UTF_8))
                .setParameter(12, suppressed == null ? now : null)
                .setParameter(13, message.category())
                .setParameter(14, message.urgent())
                .setParameter(15, suppressed)
                .setParameter(16, message.cause().time())
                .executeUpdate();
        if (inserted == 1 && suppressed != null) {
            DeliveryFacts.publish(entityManager, id.toString(), message.iccid(), channel, message.template(), language,
                    "SUPPRESSED", message.cause().id(), now);
        }
    }
}
