package nc.esim.notification.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sends claimed messages with up to {@code width} in flight at once (a sliding window: one finishing lets the
 * next start) and hands their outcomes to be settled as soon as they come, in groups of whatever finished
 * meanwhile. Under load a group holds many outcomes and costs one commit; when quiet, each outcome is
 * written at once. Either way, what a crash can leave sent but not recorded is only what was in flight.
 */
public final class SendWindow {
    private SendWindow() {
    }

    /**
     * @param send   starts one send; its future must complete normally, with the outcome (a failure is an outcome)
     * @param settle writes a group of outcomes; false to start no further send (the peer cannot be reached)
     * @param sendingTime no send starts after this long
     * @return the messages not started, for the caller to release
     */
    public static <O> List<ClaimedMessage> send(List<ClaimedMessage> messages, int width,
                                                Function<ClaimedMessage, CompletableFuture<O>> send,
                                                Predicate<List<O>> settle, Duration sendingTime) {
        long stopStartingAt = System.nanoTime() + sendingTime.toNanos();
        BlockingQueue<O> done = new LinkedBlockingQueue<>();
        int next = 0;
        int inFlight = 0;
        boolean starting = true;
        while (true) {
            while (starting && inFlight < width && next < messages.size() && System.nanoTime() < stopStartingAt) {
                send.apply(messages.get(next++)).thenAccept(done::add);
                inFlight++;
            }
            if (inFlight == 0) {
                return messages.subList(next, messages.size());
            }
            List<O> finished = new ArrayList<>();
            try {
                finished.add(done.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: the claims' leases run out, the messages go again
                throw new IllegalStateException("interrupted while sending", e);
            }
            done.drainTo(finished);
            inFlight -= finished.size();
            starting &= settle.test(finished);
        }
    }
}
