package nc.esim.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.notification.queue.DeliveryFacts;

/**
 * Applies a delivery receipt to the part it concerns; once every part of a message has its final
 * receipt the message is DELIVERED (all delivered) or FAILED (any not), and the fact is published.
 * A receipt repeated changes nothing; a receipt that comes after the message was EXPIRED still settles it. A receipt that overtakes the commit recording its part waits in
 * {@code sms_receipt_early} and is applied when the part is recorded ({@link #recorded}); a transaction
 * advisory lock per message id orders the two, so that neither misses the other; the receipts of the
 * parts of one message are ordered by the message's row lock, so that the last one settles it.
 */
@ApplicationScoped
public class SmsReceipts {
    private final EntityManager entityManager;
    private final Clock clock;

    public SmsReceipts(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public void record(String smscMessageId, String state) {
        QuarkusTransaction.requiringNew().run(() -> {
            lock(smscMessageId);
            if (!apply(smscMessageId, state)) {
                entityManager.createNativeQuery("insert into sms_receipt_early (smsc_message_id, state, received_at) "
                                + "values (?1, ?2, ?3) on conflict do nothing")
                        .setParameter(1, smscMessageId).setParameter(2, state).setParameter(3, clock.instant())
                        .executeUpdate();
            }
        });
    }

    /** Takes the message id's lock; the caller then records its part, then calls {@link #recorded}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String smscMessageId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, smscMessageId)
                .getSingleResult();
    }

    /** A part was just recorded (its message SENT): applies a receipt that arrived before it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(String smscMessageId) {
        @SuppressWarnings("unchecked")
        List<String> early = entityManager.createNativeQuery(
                        "delete from sms_receipt_early where smsc_message_id = ?1 returning state")
                .setParameter(1, smscMessageId).getResultList();
        early.forEach(state -> apply(smscMessageId, state));
    }

    /** False when no part has this id (yet). */
    private boolean apply(String smscMessageId, String state) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> updated = entityManager.createNativeQuery("""
                        update sms_part set state = ?1, receipt_at = ?2
                        where smsc_message_id = ?3 and state = 'SUBMITTED' returning notification_id""")
                .setParameter(1, state).setParameter(2, now).setParameter(3, smscMessageId).getResultList();
        if (updated.isEmpty()) {
            return ((Number) entityManager.createNativeQuery("select count(*) from sms_part where smsc_message_id = ?1")
                    .setParameter(1, smscMessageId).getSingleResult()).longValue() > 0;
        }
        UUID notification = updated.get(0);
        // The receipts of two parts of one message come together and are applied in two transactions, each
        // under its own part's lock: without this row lock each would read the other's part as still
        // SUBMITTED (its update not committed) and neither would settle the message. Taken after the part's
        // lock, as the dispatcher does, so the two never wait on each other in a circle.
        entityManager.createNativeQuery("select id from notification where id = ?1 for update")
                .setParameter(1, notification).getResultList();
        @SuppressWarnings("unchecked")
        List<String> states = entityManager.createNativeQuery("select state from sms_part where notification_id = ?1")
                .setParameter(1, notification).getResultList();
        if (states.contains("SUBMITTED")) {
            return true;
        }
        String outcome = states.stream().allMatch("DELIVRD"::equals) ? "DELIVERED" : "FAILED";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        update notification set status = ?1, last_error = ?2 where id = ?3 and status in ('SENT', 'EXPIRED')
                        returning iccid, template, language, cause_event_id""")
                .setParameter(1, outcome).setParameter(2, "DELIVERED".equals(outcome) ? null : "receipt " + states)
                .setParameter(3, notification).getResultList();
        for (Object[] row : rows) {
            DeliveryFacts.publish(entityManager, notification.toString(), (String) row[0], "SMS", (String) row[1],
                    (String) row[2], outcome, (String) row[3], now);
        }
        return true;
    }
}
