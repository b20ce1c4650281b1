package nc.esim.support.time;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the service's "now" comes from. Both settings move the clock ahead of the machine's; they are
 * for tests and the local platform, and a service in production (no {@code test}, {@code dev} or
 * {@code local} profile active) refuses to start with either.
 */
@ConfigMapping(prefix = "esim.clock")
public interface ClockConfig {
    /** How far ahead of the machine's clock the service starts (ISO-8601, e.g. {@code P3D}). */
    @WithDefault("PT0S")
    Duration offset();

    /**
     * A file holding the offset (ISO-8601), read again every {@link #refreshInterval()}: the local
     * platform and the end-to-end tests move every service's time at once by writing it.
     */
    Optional<Path> offsetFile();

    @WithDefault("1s")
    Duration refreshInterval();
}
