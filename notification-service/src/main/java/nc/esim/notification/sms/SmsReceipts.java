package nc.esim.notification.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import nc.esim.notification.queue.DeliveryFacts;

/**
 * Applies a delivery receipt to the part it concerns; once every part of a message has its final
 * receipt the message is DELIVERED (all delivered) or FAILED (any not), and the fact is published.
 * A receipt repeated changes nothing; a receipt that comes after the message was EXPIRED still settles it. A receipt that overtakes the commit recording its part waits in
 * {@code sms_receipt_early} and is applied when the part is recorded ({@link #recorded}); a transaction
 * advisory lock per message id orders the two, so that neither misses the other; the receipts of the
 * parts of one message are ordered by the message's row lock, so that the last one settles it.
 *
 * <p>The receipts the SMS centre has in flight at once (its window, {@code notification.sms.smsc.receipt-window})
 * are applied together, in one transaction, by one applier thread: a commit per receipt was most of their
 * cost. Each receipt is answered only once its group has committed, so the SMS centre never hears "taken"
 * for a receipt a crash could lose. The group takes its advisory locks in the order of the ids, as the
 * dispatcher does, so that neither waits on the other in a circle. A group that fails is applied again
 * one receipt a transaction, so that one bad receipt fails only itself.
 */
@ApplicationScoped
public class SmsReceipts {
    private static final Logger LOG = Logger.getLogger(SmsReceipts.class);
    private static final int MAX_GROUP = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EntityManager entityManager;
    private final Clock clock;
    private final DistributionSummary groups;
    private final BlockingQueue<Receipt> waiting = new LinkedBlockingQueue<>();
    private volatile Thread applier;

    public SmsReceipts(EntityManager entityManager, Clock clock, MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.groups = DistributionSummary.builder("esim.notification.sms.receipt.groups")
                .description("Delivery receipts applied in one transaction").register(metrics);
    }

    /** One receipt waiting for its group to commit. */
    private record Receipt(String smscMessageId, String state, CompletableFuture<Void> applied) {
    }

    void start(@Observes StartupEvent startup) {
        Thread thread = new Thread(this::applyAsTheyCome, "sms-receipts");
        thread.setDaemon(true);
        thread.start();
        applier = thread;
    }

    @PreDestroy
    void stop() {
        Thread current = applier;
        if (current != null) {
            current.interrupt();
        }
    }

    /** Applies the receipt with those that came meanwhile, and returns once they have committed. */
    public void record(String smscMessageId, String state) throws ReceiptNotApplied {
        Receipt receipt = new Receipt(smscMessageId, state, new CompletableFuture<>());
        waiting.add(receipt);
        try {
            receipt.applied().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReceiptNotApplied(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReceiptNotApplied(e);
        }
    }

    /** A receipt that could not be applied (the database is away): the SMS centre is told so, and may send it again. */
    public static final class ReceiptNotApplied extends Exception {
        ReceiptNotApplied(Throwable cause) {
            super("delivery receipt not applied: " + cause.getMessage(), cause);
        }
    }

    private void applyAsTheyCome() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Receipt> group = new ArrayList<>();
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(group, MAX_GROUP - 1);
            try {
                QuarkusTransaction.requiringNew().run(() -> applyAll(group));
                groups.record(group.size());
                group.forEach(receipt -> receipt.applied().complete(null));
            } catch (RuntimeException groupFailed) {
                for (Receipt receipt : group) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> applyAll(List.of(receipt)));
                        receipt.applied().complete(null);
                    } catch (RuntimeException e) {
                        LOG.warnf("delivery receipt not applied: %s", e.getMessage());
                        receipt.applied().completeExceptionally(e);
                    }
                }
            }
        }
    }

    private void applyAll(List<Receipt> group) {
        List<Receipt> ordered = group.stream().sorted(Comparator.comparing(Receipt::smscMessageId)).toList();
        ordered.stream().map(Receipt::smscMessageId).distinct().forEach(this::lock);
        for (Receipt receipt : ordered) {
            if (!apply(receipt.smscMessageId(), receipt.state())) {
                entityManager.createNativeQuery("insert into sms_receipt_early (smsc_message_id, state, received_at) "
                                + "values (?1, ?2, ?3) on conflict do nothing")
                        .setParameter(1, receipt.smscMessageId()).setParameter(2, receipt.state())
                        .setParameter(3, clock.instant()).executeUpdate();
            }
        }
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
