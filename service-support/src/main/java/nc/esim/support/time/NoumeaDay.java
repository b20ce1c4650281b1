package nc.esim.support.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import nc.esim.contracts.Zones;
import nc.esim.support.problems.Problems;

/** One calendar day in Nouméa, as the operators' reports count them, with the UTC instants that bound it. */
public record NoumeaDay(LocalDate date) {

    /** The instant the day starts. */
    public Instant start() {
        return date.atStartOfDay(Zones.NOUMEA).toInstant();
    }

    /** The instant the next day starts (exclusive upper bound). */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(Zones.NOUMEA).toInstant();
    }

    public static NoumeaDay today(Clock clock) {
        return new NoumeaDay(LocalDate.now(clock.withZone(Zones.NOUMEA)));
    }

    /** A {@code day} query parameter (yyyy-MM-dd), today when absent; a 400 problem when unreadable. */
    public static NoumeaDay parseOrToday(String day, Clock clock) {
        if (day == null || day.isBlank()) {
            return today(clock);
        }
        try {
            return new NoumeaDay(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw Problems.of(400, "invalid-day", "Invalid day", "day is a date as yyyy-MM-dd");
        }
    }
}
