package nc.esim.support.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine's clock moved ahead by an offset that can grow while the service runs, so that a test or
 * a person trying the local platform can see what days bring (reminders, expiry, grace, quiet hours
 * ending) without waiting for them. Time only moves forward: a smaller offset is refused, since
 * everything the service stored assumes that "now" never goes back. {@link ClockProducer} allows an
 * offset only outside production.
 */
public final class MovableClock extends Clock {
    private final Clock machine;
    /** Shared with the clocks {@link #withZone} gives, so that they move together. */
    private final AtomicReference<Duration> offset;

    public MovableClock(Clock machine, Duration offset) {
        this(machine, new AtomicReference<>(requireForward(offset)));
    }

    private MovableClock(Clock machine, AtomicReference<Duration> offset) {
        this.machine = machine;
        this.offset = offset;
    }

    private static Duration requireForward(Duration offset) {
        if (offset.isNegative()) {
            throw new IllegalArgumentException("the clock moves forward only: " + offset);
        }
        return offset;
    }

    /** How far ahead of the machine's clock this one runs. */
    public Duration offset() {
        return offset.get();
    }

    /**
     * Moves the clock to {@code newOffset} ahead of the machine's; returns false, changing nothing, when
     * that would move it back.
     */
    public boolean moveTo(Duration newOffset) {
        Duration current;
        do {
            current = offset.get();
            if (newOffset.compareTo(current) < 0) {
                return false;
            }
        } while (!offset.compareAndSet(current, newOffset));
        return true;
    }

    @Override
    public Instant instant() {
        return machine.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return machine.millis() + offset.get().toMillis();
    }

    @Override
    public ZoneId getZone() {
        return machine.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(machine.getZone()) ? this : new MovableClock(machine.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "MovableClock[" + machine + " + " + offset.get() + "]";
    }
}
