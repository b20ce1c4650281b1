package nc.esim.usage.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.Zones;
import nc.esim.usage.allowances.Allowance;
import nc.esim.usage.summary.DataForecasts.DayUsage;
import nc.esim.usage.summary.UsageSummary.DataForecast;
import nc.esim.usage.summary.UsageSummary.ForecastBasis;
import nc.esim.usage.summary.UsageSummary.ForecastOutcome;

/** The depletion forecast's basis is the time the usage really covers, never a fixed 3 days. */
class DataForecastsTest {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    private static final String ICCID = "8968700000000000001";
    /** Noon in Nouméa. */
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    private static final Instant NOW = TODAY.atTime(12, 0).atZone(Zones.NOUMEA).toInstant();

    private static Allowance plan(String id, long bytes, Instant from, int days) {
        return new Allowance(id, ICCID, bytes, 0, 0, from, from.plus(Duration.ofDays(days)));
    }

    private static DataForecast forecast(List<Allowance> live, Map<String, Long> used, List<DayUsage> days) {
        return DataForecasts.forecast(NOW, 3, Duration.ofHours(1), live, used, days);
    }

    @Test
    void aMinutesOldAllowanceIsTooEarlyToForecastNotAveragedOverThreeDays() {
        Instant sold = NOW.minus(Duration.ofMinutes(1));
        DataForecast forecast = forecast(List.of(plan("P", 3 * GB, sold, 30)), Map.of("P", 238 * MB),
                List.of(new DayUsage(TODAY, "P", 238 * MB, sold)));

        assertThat(forecast.outcome()).isEqualTo(ForecastOutcome.TOO_EARLY);
        assertThat(forecast.dataBytesPerDay()).isNull();
        assertThat(forecast.runsOutAt()).isNull();
        assertThat(forecast.basisSeconds()).isEqualTo(60);
        assertThat(forecast.message()).isEqualTo(
                "Too early to forecast: 238.0 MB used in 1 minute, and a forecast needs at least 1 hour of use. 2.8 GB left.");
    }

    @Test
    void aDayOldAllowanceIsForecastFromItsFirstUseAndCountsOnlyWhatWasDrawnOnIt() {
        Instant sold = NOW.minus(Duration.ofDays(1));
        Instant firstUse = sold.plus(Duration.ofHours(2));
        List<DayUsage> days = List.of(
                new DayUsage(TODAY.minusDays(1), "OLD", 900 * MB, TODAY.minusDays(1).atStartOfDay(Zones.NOUMEA).toInstant()),
                new DayUsage(TODAY.minusDays(1), "P", 400 * MB, firstUse),
                new DayUsage(TODAY, "P", 480 * MB, TODAY.atStartOfDay(Zones.NOUMEA).toInstant()));
        DataForecast forecast = forecast(List.of(plan("P", 3 * GB, sold, 30)), Map.of("P", 880 * MB), days);

        // 880 MB over the 22 hours since the first use: 960 MB a day; 2,192 MB left last 2,192 / 960 days
        assertThat(forecast.basis()).isEqualTo(ForecastBasis.SINCE_FIRST_USE);
        assertThat(forecast.basisFrom()).isEqualTo(firstUse);
        assertThat(forecast.basisSeconds()).isEqualTo(22 * 3600);
        assertThat(forecast.dataBytesPerDay()).isEqualTo(960 * MB);
        assertThat(forecast.dataRemaining()).isEqualTo(2192 * MB);
        assertThat(forecast.runsOutAt()).isEqualTo(NOW.plusSeconds(2192L * 22 * 3600 / 880));
        assertThat(forecast.outcome()).isEqualTo(ForecastOutcome.RUNS_OUT_BEFORE_EXPIRY);
        assertThat(forecast.message()).startsWith("At the rate since the first use on 2026-12-02 14:00 (960.0 MB a day), "
                + "the 2.1 GB left run out on 2026-12-05 around 18:48 Nouméa time, before the allowance expires.");
    }

    @Test
    void aSteadyThreeDayPatternIsForecastOverTheLastThreeLocalDays() {
        Instant sold = NOW.minus(Duration.ofDays(20));
        List<DayUsage> days = List.of(
                new DayUsage(TODAY.minusDays(2), "P", 500 * MB, TODAY.minusDays(2).atStartOfDay(Zones.NOUMEA).toInstant()),
                new DayUsage(TODAY.minusDays(1), "P", 500 * MB, TODAY.minusDays(1).atStartOfDay(Zones.NOUMEA).toInstant()),
                new DayUsage(TODAY, "P", 250 * MB, TODAY.atStartOfDay(Zones.NOUMEA).toInstant()));
        DataForecast forecast = forecast(List.of(plan("P", 10 * GB, sold, 30)), Map.of("P", 10 * GB - 2 * GB), days);

        // 1,250 MB over 2.5 days: 500 MB a day; 2 GB left last 4.096 days, before the plan's 10 days left
        assertThat(forecast.basis()).isEqualTo(ForecastBasis.RECENT_DAYS);
        assertThat(forecast.basisFrom()).isEqualTo(TODAY.minusDays(2).atStartOfDay(Zones.NOUMEA).toInstant());
        assertThat(forecast.dataBytesPerDay()).isEqualTo(500 * MB);
        assertThat(forecast.runsOutAt()).isEqualTo(NOW.plusSeconds(2048L * 216_000 / 1250));
        assertThat(forecast.beforeExpiry()).isTrue();
        assertThat(forecast.message()).isEqualTo("At the rate of the last 3 days (500.0 MB a day), the 2.0 GB left run "
                + "out on 2026-12-07 around 14:18 Nouméa time, before the allowance expires.");
    }

    @Test
    void anAllowanceThatExpiresBeforeItsDataRunsOutSaysSoWithTheLastMinuteItIsValid() {
        Instant sold = TODAY.minusDays(10).atStartOfDay(Zones.NOUMEA).toInstant();
        DataForecast forecast = forecast(List.of(plan("P", 10 * GB, sold, 30)), Map.of("P", 300 * MB),
                List.of(new DayUsage(TODAY.minusDays(2), "P", 100 * MB, TODAY.minusDays(2).atStartOfDay(Zones.NOUMEA).toInstant())));

        assertThat(forecast.outcome()).isEqualTo(ForecastOutcome.EXPIRES_FIRST);
        assertThat(forecast.message()).endsWith("the allowance expires (valid until 2026-12-22 23:59 Nouméa time) before its 9.7 GB run out.");
    }

    @Test
    void nothingLeftAndNothingUsedAreSaidInWords() {
        Instant sold = NOW.minus(Duration.ofDays(2));
        assertThat(forecast(List.of(plan("P", GB, sold, 30)), Map.of("P", GB), List.of()).outcome())
                .isEqualTo(ForecastOutcome.NOTHING_LEFT);
        DataForecast idle = forecast(List.of(plan("P", GB, sold, 30)), Map.of(), List.of());
        assertThat(idle.outcome()).isEqualTo(ForecastOutcome.NOTHING_USED);
        assertThat(idle.basis()).isEqualTo(ForecastBasis.SINCE_VALID_FROM);
        assertThat(idle.message()).isEqualTo("No data was used since the allowance became valid on 2026-12-01 12:00: "
                + "at this rate, nothing runs out.");
    }
}
