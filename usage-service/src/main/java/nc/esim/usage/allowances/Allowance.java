package nc.esim.usage.allowances;

import java.time.Instant;

import nc.esim.contracts.cdr.UsageType;

/** A bucket of quota as usage-service replicates it from billing's events. */
public record Allowance(String allowanceId, String iccid, long dataBytes, long voiceSeconds, long smsCount,
                        Instant validFrom, Instant validUntil) {

    public boolean covers(Instant instant) {
        return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
    }

    public long quotaOf(UsageType type) {
        return switch (type) {
            case DATA -> dataBytes;
            case VOICE -> voiceSeconds;
            case SMS -> smsCount;
        };
    }
}
