package nc.esim.console.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The ingest rate over the chart's window, from successive readings of usage-service's received
 * counter. A counter lower than the last reading means the service restarted: that interval is left
 * out rather than shown as a negative rate.
 */
final class IngestHistory {
    private final Duration window;
    private final Deque<ConsoleSnapshot.RatePoint> points = new ArrayDeque<>();
    private Instant lastAt;
    private long lastReceived = -1;

    IngestHistory(Duration window) {
        this.window = window;
    }

    /** Records a reading (null when usage-service did not answer) and returns the rate since the last one. */
    synchronized Double record(Instant at, Long received) {
        Double rate = null;
        if (received != null && lastReceived >= 0 && received >= lastReceived && at.isAfter(lastAt)) {
            rate = (received - lastReceived) * 1000.0 / Duration.between(lastAt, at).toMillis();
        }
        if (received != null) {
            lastAt = at;
            lastReceived = received;
        }
        points.addLast(new ConsoleSnapshot.RatePoint(at, rate));
        while (!points.isEmpty() && points.peekFirst().at().isBefore(at.minus(window))) {
            points.removeFirst();
        }
        return rate;
    }

    synchronized List<ConsoleSnapshot.RatePoint> points() {
        return new ArrayList<>(points);
    }
}
