package nc.esim.contracts.subscription;

import java.time.Instant;

/**
 * One bucket of quota a subscription may draw on between two instants. A plan gives one; a data pack
 * adds another with the same end; several can be live at once.
 *
 * @param allowanceId   unique, stable across events (renewals create a new allowance)
 * @param dataBytes     data quota in bytes
 * @param voiceSeconds  voice quota in seconds (0 when the plan has none)
 * @param smsCount      SMS quota (0 when the plan has none)
 * @param validFrom     start, UTC
 * @param validUntil    end, exclusive, UTC (the end of a Pacific/Noumea day)
 */
public record AllowanceV1(
        String allowanceId,
        long dataBytes,
        long voiceSeconds,
        long smsCount,
        Instant validFrom,
        Instant validUntil) {
}
