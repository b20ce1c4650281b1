package nc.esim.usage.daily;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Usage per Pacific/Noumea calendar day: a record at 23:59 local time counts on that local day.
 *
 * @param days every day of the period, oldest first, days without usage included with zeros
 */
public record DailyUsage(String iccid, LocalDate from, LocalDate to, List<Day> days) {

    /** One day: quantities used, and how much of them no allowance covered. */
    @Schema(name = "UsageDay", description = "An eSIM's usage on one Pacific/Noumea day")
    public record Day(LocalDate date, long dataBytes, long voiceSeconds, long smsCount, long records,
                      long outOfBundleDataBytes, long outOfBundleVoiceSeconds, long outOfBundleSmsCount) {
    }
}
