package nc.esim.billing.time;

import java.time.ZoneId;

/** New Caledonia's time zone (UTC+11, no daylight saving): the zone of every calendar day the customer sees. */
public final class Zones {
    public static final ZoneId NOUMEA = ZoneId.of("Pacific/Noumea");

    private Zones() {
    }
}
