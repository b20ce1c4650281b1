package nc.esim.notification.sms;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import nc.esim.contracts.Zones;

/**
 * Quiet hours in Pacific/Noumea (21:00–08:00 by default): a non-urgent SMS due in them waits until they
 * end; an urgent one (data used up) goes at once. A window may cross midnight.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** When a message due {@code now} may go, if not now. */
    public Optional<Instant> deferredUntil(Instant now, boolean urgent) {
        if (urgent || start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(Zones.NOUMEA);
        LocalTime time = local.toLocalTime();
        boolean quiet = start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.with(end);
        return Optional.of((endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant());
    }
}
