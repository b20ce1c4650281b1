package nc.esim.contracts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * New Caledonia's time zone (UTC+11, no daylight saving): the zone of every calendar day the platform
 * shows or reports ("valid until the end of the day", daily usage, quiet hours). Instants stay UTC.
 */
public final class Zones {
    public static final ZoneId NOUMEA = ZoneId.of("Pacific/Noumea");

    private Zones() {
    }

    /**
     * How a validity end is shown to people, everywhere (APIs, forecasts, messages): the last local
     * minute it is valid. A period ending at 2027-01-02T00:00 Nouméa time (exclusive) is shown as
     * 2027-01-01T23:59, "valid until 1 January, 23:59", never as the next day.
     */
    public static LocalDateTime lastValidMinute(Instant validUntil) {
        return LocalDateTime.ofInstant(validUntil.minusNanos(1), NOUMEA).truncatedTo(ChronoUnit.MINUTES);
    }
}
