package nc.esim.notification.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the email and the SMS dispatchers share: settling what was sent, and the wait before a retry. */
public final class Dispatch {
    private static final Logger LOG = Logger.getLogger(Dispatch.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private Dispatch() {
    }

    /**
     * Runs {@code settle} in a transaction of its own until it commits, waiting longer after each failure,
     * for at most {@code patience}. What was sent is known only in memory until then: a database that
     * restarts (seconds) must not turn messages the peers already took into messages sent again. Returns
     * false when it gave up; the claims' leases then run out and those messages are sent again.
     */
    public static <T> boolean settle(Channel channel, Duration patience, Supplier<T> settle) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().call(settle::get);
                return true;
            } catch (RuntimeException e) {
                if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                    LOG.errorf("%s outcomes not written within %s, their messages will be sent again: %s", channel,
                            patience, e.toString());
                    return false;
                }
                LOG.warnf("%s outcomes not written yet, trying again in %s: %s", channel, wait, e.toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** Releases claimed messages not attempted (no attempt spent): due again at {@code at}. */
    public static void release(EntityManager entityManager, Channel channel, List<ClaimedMessage> messages, Instant at,
                               Duration patience) {
        if (messages.isEmpty()) {
            return;
        }
        Settlement settlement = new Settlement(channel);
        messages.forEach(message -> settlement.release(message, at));
        settle(channel, patience, () -> settlement.write(entityManager));
    }

    /** The wait before attempt {@code attempts + 1}: {@code base} doubled per attempt, at most {@code max}. */
    public static Duration backoff(Duration base, Duration max, int attempts) {
        Duration wait = base.multipliedBy(1L << Math.min(20, attempts - 1));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
