package nc.esim.notification.queue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The outcomes of a window of claimed messages, written together in one transaction with JDBC batches: each
 * message's new status, and its delivery fact in the outbox. Only the claim that still holds a message
 * settles it ({@code status = 'SENDING'} and its lease), so writing a settlement again after a commit whose
 * answer was lost changes nothing and publishes no fact twice.
 */
public final class Settlement {
    /** One message's outcome; {@code fact} is the status published on esim.notification.v1, or null for none. */
    private record Outcome(ClaimedMessage message, DeliveryStatus status, int attempts, Instant nextAttempt,
                           Instant sentAt, String error, DeliveryStatus fact, Instant at) {
    }

    private final Channel channel;
    private final List<Outcome> outcomes = new ArrayList<>();

    public Settlement(Channel channel) {
        this.channel = channel;
    }

    /** Taken by the peer at {@code at}. */
    public void sent(ClaimedMessage message, Instant at) {
        outcomes.add(new Outcome(message, DeliveryStatus.SENT, message.attempts() + 1, null, at, null,
                DeliveryStatus.SENT, at));
    }

    /** Refused for good, or out of attempts. */
    public void failed(ClaimedMessage message, String error, Instant at) {
        outcomes.add(new Outcome(message, DeliveryStatus.FAILED, message.attempts() + 1, null, null, error,
                DeliveryStatus.FAILED, at));
    }

    /** A transient failure: due again at {@code nextAttempt}. */
    public void retry(ClaimedMessage message, Instant nextAttempt, String error) {
        outcomes.add(new Outcome(message, DeliveryStatus.RETRYING, message.attempts() + 1, nextAttempt, null, error,
                null, null));
    }

    /** Not attempted (the peer unreachable, a cap reached, no time left): due again at {@code at}, no attempt spent. */
    public void release(ClaimedMessage message, Instant at) {
        outcomes.add(new Outcome(message, message.attempts() == 0 ? DeliveryStatus.QUEUED : DeliveryStatus.RETRYING,
                message.attempts(), at, null, null, null, null));
    }

    public boolean isEmpty() {
        return outcomes.isEmpty();
    }

    /**
     * Writes the outcomes in the caller's transaction; returns the messages this claim still held (the ones
     * settled now).
     */
    public List<ClaimedMessage> write(EntityManager entityManager) {
        List<ClaimedMessage> settled = new ArrayList<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            int[] counts;
            try (PreparedStatement update = connection.prepareStatement("""
                    update notification
                    set status = ?, attempts = ?, next_attempt_at = coalesce(?, next_attempt_at),
                        sent_at = coalesce(?, sent_at), last_error = ?, claimed_by = null
                    where id = ? and status = 'SENDING' and next_attempt_at = ?""")) {
                for (Outcome outcome : outcomes) {
                    update.setString(1, outcome.status().name());
                    update.setInt(2, outcome.attempts());
                    update.setTimestamp(3, timestamp(outcome.nextAttempt()));
                    update.setTimestamp(4, timestamp(outcome.sentAt()));
                    update.setString(5, outcome.error());
                    update.setObject(6, outcome.message().id());
                    update.setTimestamp(7, Timestamp.from(outcome.message().lease()));
                    update.addBatch();
                }
                counts = update.executeBatch();
            }
            List<DeliveryFacts.Fact> facts = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i);
                if (counts[i] != 1) {
                    continue; // settled already, or claimed again since: not this claim's to settle
                }
                settled.add(outcome.message());
                if (outcome.fact() != null) {
                    ClaimedMessage message = outcome.message();
                    facts.add(new DeliveryFacts.Fact(message.id().toString(), message.iccid(), channel, message.template(),
                            message.language(), outcome.fact(), message.causeEventId(), outcome.at()));
                }
            }
            DeliveryFacts.append(connection, facts);
        });
        return settled;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
