package nc.esim.usage.summary;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nc.esim.contracts.DataSizes;
import nc.esim.contracts.Zones;
import nc.esim.usage.allowances.Allowance;

/**
 * "At the rate you use data, when does it run out?" from the days' usage, with a basis that is the time
 * the usage really covers.
 *
 * <p>The basis begins at the latest of: the start of the window (the last N Nouméa days, today
 * included), when the live data allowances became valid, and the first usage after that. So a plan sold
 * a minute ago with 238 MB used in that minute is not averaged over 3 days. Below the minimum basis the
 * forecast says it is too early rather than give a number. When the live allowances are younger than
 * the window, only what was drawn on them counts (usage of an earlier plan that day is left out), so the
 * rate is exact whatever the day's other usage.
 */
public final class DataForecasts {
    private DataForecasts() {
    }

    /** One row of usage_daily: a day, an allowance (null: out of bundle), its data and first usage. */
    public record DayUsage(LocalDate day, String allowanceId, long dataBytes, Instant firstUsageAt) {
    }

    /**
     * @param live       the allowances that cover now and have a data quota
     * @param usedByLive data drawn so far on each of them
     * @param days       the ICCID's day rows from the first day of the window on
     */
    public static UsageSummary.DataForecast forecast(Instant now, int windowDays, Duration minimumBasis,
                                                     List<Allowance> live, Map<String, Long> usedByLive,
                                                     List<DayUsage> days) {
        long remaining = 0;
        Instant lastExpiry = null;
        Instant liveSince = null;
        for (Allowance allowance : live) {
            remaining += Math.max(0, allowance.dataBytes() - usedByLive.getOrDefault(allowance.allowanceId(), 0L));
            lastExpiry = lastExpiry == null || allowance.validUntil().isAfter(lastExpiry) ? allowance.validUntil() : lastExpiry;
            liveSince = liveSince == null || allowance.validFrom().isBefore(liveSince) ? allowance.validFrom() : liveSince;
        }
        if (remaining == 0) {
            return new UsageSummary.DataForecast(UsageSummary.ForecastOutcome.NOTHING_LEFT, null, null, 0, null, 0, null, null, false,
                    "No data is left in a live allowance.");
        }
        LocalDate firstDay = LocalDate.ofInstant(now, Zones.NOUMEA).minusDays(windowDays - 1L);
        Instant windowStart = firstDay.atStartOfDay(Zones.NOUMEA).toInstant();

        UsageSummary.ForecastBasis basis;
        Instant basisFrom;
        List<DayUsage> counted;
        if (!liveSince.isBefore(windowStart)) {
            Set<String> liveIds = live.stream().map(Allowance::allowanceId).collect(Collectors.toSet());
            counted = days.stream().filter(d -> d.allowanceId() != null && liveIds.contains(d.allowanceId())).toList();
            basis = UsageSummary.ForecastBasis.SINCE_VALID_FROM;
            basisFrom = liveSince;
        } else {
            counted = days.stream().filter(d -> !d.day().isBefore(firstDay)).toList();
            basis = UsageSummary.ForecastBasis.RECENT_DAYS;
            basisFrom = windowStart;
        }
        long used = counted.stream().mapToLong(DayUsage::dataBytes).sum();
        Instant firstUsage = counted.stream().filter(d -> d.dataBytes() > 0).map(DayUsage::firstUsageAt)
                .min(Instant::compareTo).orElse(null);
        if (firstUsage != null && firstUsage.isAfter(basisFrom)) {
            basis = UsageSummary.ForecastBasis.SINCE_FIRST_USE;
            basisFrom = firstUsage;
        }
        long basisSeconds = Math.max(0, Duration.between(basisFrom, now).toSeconds());
        String since = since(basis, basisFrom, windowDays);
        if (used == 0) {
            return new UsageSummary.DataForecast(UsageSummary.ForecastOutcome.NOTHING_USED, basis, basisFrom, basisSeconds, 0L,
                    remaining, null, null, false,
                    "No data was used " + since + ": at this rate, nothing runs out.");
        }
        if (basisSeconds < minimumBasis.toSeconds()) {
            return new UsageSummary.DataForecast(UsageSummary.ForecastOutcome.TOO_EARLY, basis, basisFrom, basisSeconds, null,
                    remaining, null, null, false, "Too early to forecast: " + DataSizes.forPeople(used) + " used in "
                    + human(Duration.ofSeconds(basisSeconds)) + ", and a forecast needs at least "
                    + human(minimumBasis) + " of use. " + DataSizes.forPeople(remaining) + " left.");
        }
        long perDay = BigInteger.valueOf(used).multiply(BigInteger.valueOf(86_400))
                .divide(BigInteger.valueOf(basisSeconds)).longValue();
        // remaining / (used / basis), in whole seconds, without a floating-point rate
        long seconds = BigInteger.valueOf(remaining).multiply(BigInteger.valueOf(basisSeconds))
                .divide(BigInteger.valueOf(used)).min(BigInteger.valueOf(Duration.ofDays(36_500).toSeconds()))
                .longValue();
        Instant runsOut = now.plusSeconds(seconds);
        LocalDateTime local = LocalDateTime.ofInstant(runsOut, Zones.NOUMEA).withSecond(0).withNano(0);
        boolean beforeExpiry = runsOut.isBefore(lastExpiry);
        String rate = "At the rate " + since + " (" + DataSizes.forPeople(perDay) + " a day), ";
        LocalDateTime lastValid = Zones.lastValidMinute(lastExpiry);
        String message = beforeExpiry
                ? rate + "the " + DataSizes.forPeople(remaining) + " left run out on " + local.toLocalDate() + " around "
                  + local.toLocalTime() + " Nouméa time, before the allowance expires."
                : rate + "the allowance expires (valid until " + lastValid.toLocalDate() + " " + lastValid.toLocalTime()
                  + " Nouméa time) before its " + DataSizes.forPeople(remaining) + " run out.";
        return new UsageSummary.DataForecast(beforeExpiry ? UsageSummary.ForecastOutcome.RUNS_OUT_BEFORE_EXPIRY
                : UsageSummary.ForecastOutcome.EXPIRES_FIRST, basis, basisFrom, basisSeconds, perDay, remaining, runsOut,
                local, beforeExpiry, message);
    }

    private static String since(UsageSummary.ForecastBasis basis, Instant from, int windowDays) {
        LocalDateTime local = LocalDateTime.ofInstant(from, Zones.NOUMEA).withSecond(0).withNano(0);
        String when = local.toLocalDate() + " " + local.toLocalTime();
        return switch (basis) {
            case SINCE_VALID_FROM -> "since the allowance became valid on " + when;
            case SINCE_FIRST_USE -> "since the first use on " + when;
            default -> "of the last " + windowDays + " days";
        };
    }

    /** "12 minutes", "1 hour", "5 hours 3 minutes". */
    static String human(Duration duration) {
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        if (hours == 0) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        String h = hours + (hours == 1 ? " hour" : " hours");
        return minutes == 0 ? h : h + " " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
