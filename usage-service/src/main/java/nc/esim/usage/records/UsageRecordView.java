package nc.esim.usage.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.allowances.Draw;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One itemised usage record as the records API shows it.
 *
 * @param startTimeLocal the start in Pacific/Noumea time
 * @param quantity       bytes (DATA), seconds (VOICE) or 1 (SMS)
 * @param counterParty   the other party of a call or SMS, masked by the masking policy
 * @param draws          what each allowance covered; quantity minus their sum is {@code outOfBundle}
 */
public record UsageRecordView(String recordingNode, long chargingId, int sequenceNumber, UsageType type,
                              Instant startTime, LocalDateTime startTimeLocal, long quantity, long durationSeconds,
                              String counterParty, List<Draw> draws, long inBundle, long outOfBundle) {

    /** A page of records, newest first; {@code nextCursor} fetches the next one, null on the last page. */
    @Schema(name = "UsageRecordPage", description = "A page of usage records; pass nextCursor as cursor for the next page (absent on the last)")
    public record Page(String iccid, List<UsageRecordView> records, String nextCursor) {
    }
}
