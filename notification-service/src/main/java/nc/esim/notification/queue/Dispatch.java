package nc.esim.notification.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the email and the SMS dispatchers share: draining the due messages, and the wait before a retry. */
public final class Dispatch {
    private static final Logger LOG = Logger.getLogger(Dispatch.class);

    private Dispatch() {
    }

    /**
     * Runs {@code batch}, each run in a transaction of its own, for as long as it handles a full batch
     * (more may be due). A failure ends the drain: the claims roll back and the next scheduled run takes over.
     */
    public static void drain(String channel, int batchSize, Callable<Integer> batch) {
        try {
            int handled;
            do {
                handled = QuarkusTransaction.requiringNew().call(batch);
            } while (handled == batchSize);
        } catch (RuntimeException e) {
            LOG.warnf("%s dispatch failed, the next run takes over: %s", channel, e.toString());
        }
    }

    /** The wait before attempt {@code attempts + 1}: {@code base} doubled per attempt, at most {@code max}. */
    public static Duration backoff(Duration base, Duration max, int attempts) {
        Duration wait = base.multipliedBy(1L << Math.min(20, attempts - 1));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Records a message's failed attempt {@code attempts}: RETRYING, due again at {@code nextAttempt}. */
    public static void retryLater(EntityManager entityManager, UUID id, int attempts, Instant nextAttempt, String error) {
        entityManager.createNativeQuery("""
                        update notification set status = 'RETRYING', attempts = ?1, next_attempt_at = ?2, last_error = ?3
                        where id = ?4""")
                .setParameter(1, attempts).setParameter(2, nextAttempt).setParameter(3, error).setParameter(4, id)
                .executeUpdate();
    }
}
