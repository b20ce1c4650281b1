package nc.esim.usage.summary;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * "How much have I used, what is left, and until when?" for one eSIM.
 *
 * @param allowances  each live or past allowance with its quotas, earliest expiry first
 * @param outOfBundle usage that no allowance covered
 * @param totals      everything counted, in and out of bundle
 */
public record UsageSummary(String iccid, String msisdn, List<AllowanceUsage> allowances, Usage outOfBundle,
                           Usage totals, DataForecast forecast) {

    /**
     * When the data of the live allowances runs out if the eSIM keeps using it at its rate
     * ({@link DataForecasts}).
     *
     * @param outcome         what the forecast says
     * @param basis           where the rate's window begins; absent when no data is left
     * @param basisFrom       when the usage the rate comes from begins
     * @param basisSeconds    how long that usage covers, up to now
     * @param dataBytesPerDay the daily rate over the basis; absent when it is too early to tell
     * @param dataRemaining   what the live allowances still hold
     * @param runsOutAt       when the data runs out at that rate; absent unless there is a rate and data left
     * @param runsOutLocal    the same instant in Pacific/Noumea time, to the minute
     * @param beforeExpiry    true when the data runs out before the last live allowance expires
     * @param message         the forecast in one English sentence, sizes in MB and GB
     */
    public record DataForecast(ForecastOutcome outcome, ForecastBasis basis, Instant basisFrom, long basisSeconds,
                               Long dataBytesPerDay, long dataRemaining, Instant runsOutAt, LocalDateTime runsOutLocal,
                               boolean beforeExpiry, String message) {
    }

    @Schema(description = "What the forecast says: when the data runs out, that the allowance expires first, that "
            + "nothing was used, that nothing is left, or that the usage is too young to tell")
    public enum ForecastOutcome { RUNS_OUT_BEFORE_EXPIRY, EXPIRES_FIRST, NOTHING_USED, NOTHING_LEFT, TOO_EARLY }

    @Schema(description = "Where the forecast's rate begins: the window of recent days, when the live allowance "
            + "became valid (younger than the window), or the first use after that")
    public enum ForecastBasis { RECENT_DAYS, SINCE_VALID_FROM, SINCE_FIRST_USE }

    /** Quantities: data in bytes, voice in seconds, SMS in messages. */
    public record Usage(long dataBytes, long voiceSeconds, long smsCount, long records) {
    }

    /** One quota of an allowance. {@code percent} is used / quota, rounded down, 0 when the quota is 0. */
    public record Quota(long quota, long used, long remaining, int percent) {
        static Quota of(long quota, long used) {
            return new Quota(quota, used, Math.max(0, quota - used), quota == 0 ? 0 : (int) Math.min(999, used * 100 / quota));
        }
    }

    /**
     * An allowance with its validity: {@code validUntil} is the exclusive end in UTC, {@code validUntilLocal}
     * the last Pacific/Noumea minute it is valid (2027-01-01T23:59 for a period ending at local midnight),
     * as messages show it.
     */
    public record AllowanceUsage(String allowanceId, Instant validFrom, Instant validUntil, LocalDateTime validUntilLocal,
                                 boolean active, Quota data, Quota voice, Quota sms) {
    }
}
