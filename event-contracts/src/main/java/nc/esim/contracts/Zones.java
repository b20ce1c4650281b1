package nc.esim.contracts;

import java.time.ZoneId;

/**
 * New Caledonia's time zone (UTC+11, no daylight saving): the zone of every calendar day the platform
 * shows or reports ("valid until the end of the day", daily usage, quiet hours). Instants stay UTC.
 */
public final class Zones {
    public static final ZoneId NOUMEA = ZoneId.of("Pacific/Noumea");

    private Zones() {
    }
}
