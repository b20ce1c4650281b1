package nc.esim.usage.summary;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

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
     * When the data of the live allowances runs out if the eSIM keeps using it at its recent rate.
     *
     * @param basisDays       the recent window the rate comes from
     * @param dataBytesPerDay the average daily data use over that window
     * @param dataRemaining   what the live allowances still hold
     * @param runsOutAt       null when nothing is used or nothing is left
     * @param runsOutLocal    the same instant in Pacific/Noumea time
     * @param beforeExpiry    true when the data runs out before the last live allowance expires
     * @param message         the forecast in one English sentence
     */
    public record DataForecast(int basisDays, long dataBytesPerDay, long dataRemaining, Instant runsOutAt,
                               LocalDateTime runsOutLocal, boolean beforeExpiry, String message) {
    }

    /** Quantities: data in bytes, voice in seconds, SMS in messages. */
    public record Usage(long dataBytes, long voiceSeconds, long smsCount, long records) {
    }

    /** One quota of an allowance. {@code percent} is used / quota, rounded down, 0 when the quota is 0. */
    public record Quota(long quota, long used, long remaining, int percent) {
        static Quota of(long quota, long used) {
            return new Quota(quota, used, Math.max(0, quota - used), quota == 0 ? 0 : (int) Math.min(999, used * 100 / quota));
        }
    }

    /** An allowance with its validity in UTC and in Pacific/Noumea local time. */
    public record AllowanceUsage(String allowanceId, Instant validFrom, Instant validUntil, LocalDateTime validUntilLocal,
                                 boolean active, Quota data, Quota voice, Quota sms) {
    }
}
