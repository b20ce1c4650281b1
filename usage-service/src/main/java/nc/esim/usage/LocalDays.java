package nc.esim.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import nc.esim.contracts.Zones;
import nc.esim.support.problems.Problems;

/**
 * Calendar days of the API's date filters: Pacific/Noumea days (a record at 23:59 local time belongs
 * to that local day, not to the UTC one), given as ISO dates, both ends included.
 */
public record LocalDays(LocalDate first, LocalDate last) {

    /** The instant the first day starts. */
    public Instant from() {
        return first.atStartOfDay(Zones.NOUMEA).toInstant();
    }

    /** The instant the day after the last one starts (exclusive upper bound). */
    public Instant until() {
        return last.plusDays(1).atStartOfDay(Zones.NOUMEA).toInstant();
    }

    public long days() {
        return last.toEpochDay() - first.toEpochDay() + 1;
    }

    /**
     * Reads {@code from} and {@code to} query parameters; a missing end defaults to the given day.
     * Problems (400) for unreadable dates, an inverted range or one longer than {@code maxDays}.
     */
    public static LocalDays parse(String from, String to, LocalDate defaultFirst, LocalDate defaultLast, long maxDays) {
        LocalDate first = from == null || from.isBlank() ? defaultFirst : date("from", from);
        LocalDate last = to == null || to.isBlank() ? defaultLast : date("to", to);
        if (last.isBefore(first)) {
            throw Problems.of(400, "invalid-date-range", "Invalid date range", "'to' (" + last + ") is before 'from' (" + first + ")");
        }
        LocalDays days = new LocalDays(first, last);
        if (days.days() > maxDays) {
            throw Problems.of(400, "invalid-date-range", "Date range too long",
                    "At most " + maxDays + " days at a time; asked for " + days.days());
        }
        return days;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.of(400, "invalid-date", "Invalid date", "'" + name + "' must be an ISO date such as 2026-11-21");
        }
    }
}
