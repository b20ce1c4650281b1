package nc.esim.support.time;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The one source of "now" in the service (UTC; calendar days use {@link nc.esim.contracts.Zones#NOUMEA}):
 * the machine's clock, moved ahead only where that is safe ({@link ClockConfig}).
 */
@ApplicationScoped
public class ClockProducer {
    /** The profiles in which the clock may be moved: tests, dev mode, and the local platform ({@code prod,local}). */
    static final Set<String> MOVABLE_IN = Set.of("test", "dev", "local");

    @Produces
    @Singleton
    MovableClock clock(ClockConfig config, MeterRegistry registry) {
        check(config, ConfigUtils.getProfiles());
        MovableClock clock = new MovableClock(Clock.systemUTC(), config.offset());
        // a moved clock shows on /q/metrics, for operators and for the harness that moved it
        Gauge.builder("esim.clock.offset", clock, c -> c.offset().toMillis() / 1000.0).baseUnit("seconds")
                .description("How far the service's clock runs ahead of the machine's (0 but in tests and the local platform)")
                .register(registry);
        return clock;
    }

    /** Refuses a moved clock in production at start, not at the first call that asks the time. */
    void refuseAMovedClockInProduction(@Observes StartupEvent started, ClockConfig config) {
        check(config, ConfigUtils.getProfiles());
    }

    static void check(ClockConfig config, List<String> profiles) {
        boolean moved = !config.offset().isZero() || config.offsetFile().isPresent();
        if (moved && profiles.stream().noneMatch(MOVABLE_IN::contains)) {
            throw new IllegalStateException("esim.clock.offset and esim.clock.offset-file move the service's clock: "
                    + "they are for tests and the local platform (profile local), not for profiles " + profiles);
        }
        if (config.offset().isNegative()) {
            throw new IllegalStateException("esim.clock.offset moves the clock forward only: " + config.offset());
        }
    }
}
