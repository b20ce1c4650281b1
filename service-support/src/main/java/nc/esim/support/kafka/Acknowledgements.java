package nc.esim.support.kafka;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Waiting for the broker to acknowledge sends, so that a caller commits only what Kafka has. */
public final class Acknowledgements {
    private Acknowledgements() {
    }

    /** Waits for every send; throws, naming {@code what}, if any failed or took over 30 s. */
    public static void awaitAll(List<? extends Future<?>> acks, String what) {
        try {
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge " + what, e);
        }
    }
}
