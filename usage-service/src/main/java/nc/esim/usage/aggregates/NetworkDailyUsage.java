package nc.esim.usage.aggregates;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The whole network's usage per Pacific/Noumea day, for analysts: totals and counts, never an ICCID,
 * an MSISDN or a counter-party.
 */
public record NetworkDailyUsage(LocalDate first, LocalDate last, List<Day> days) {

    /**
     * @param activeEsims how many distinct eSIMs used anything that day
     */
    @Schema(name = "NetworkDay", description = "The network's usage on one Pacific/Noumea day")
    public record Day(LocalDate date, long dataBytes, long voiceSeconds, long smsCount, long records,
                      long dataBytesOutOfBundle, long voiceSecondsOutOfBundle, long smsOutOfBundle, long activeEsims) {
    }

    /** The CSV export: a header line, then one line per day. */
    public String csv() {
        StringBuilder csv = new StringBuilder("date,data_bytes,voice_seconds,sms_count,records,"
                + "data_bytes_out_of_bundle,voice_seconds_out_of_bundle,sms_out_of_bundle,active_esims\n");
        for (Day d : days) {
            csv.append(d.date()).append(',').append(d.dataBytes()).append(',').append(d.voiceSeconds()).append(',')
                    .append(d.smsCount()).append(',').append(d.records()).append(',').append(d.dataBytesOutOfBundle())
                    .append(',').append(d.voiceSecondsOutOfBundle()).append(',').append(d.smsOutOfBundle()).append(',')
                    .append(d.activeEsims()).append('\n');
        }
        return csv.toString();
    }
}
