package nc.esim.usage.records;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.Identifiers;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.usage.UsageConfig;

/** Decides whether the bytes of a CDR can be counted. Unknown fields are tolerated. */
@ApplicationScoped
public class CdrValidator {
    private static final int MAX_NODE_LENGTH = 64;
    private static final int MAX_NUMBER_LENGTH = 32;
    private final UsageConfig.Ingest limits;

    @jakarta.inject.Inject
    public CdrValidator(UsageConfig config) {
        this(config.ingest());
    }

    CdrValidator(UsageConfig.Ingest limits) {
        this.limits = limits;
    }

    /**
     * A CDR as it came from Kafka. Beyond the checks of its content: its size, and its key, which must be
     * its ICCID. Records are keyed by ICCID so that one eSIM's records share a partition, which is what
     * keeps them in order and lets one consumer own an eSIM's totals; a record keyed otherwise (or not at
     * all) may sit on another partition, be counted by another consumer at the same time, and overtake
     * its neighbours, so it is refused rather than counted out of order.
     */
    public CdrCheck check(String key, byte[] value, Instant now) {
        if (value != null && value.length > limits.maxCdrSizeBytes()) {
            return refused(CdrRejectionReason.TOO_LARGE, "the value is " + value.length + " bytes; a CDR is at most "
                    + limits.maxCdrSizeBytes());
        }
        CdrCheck check = check(value, now);
        if (check instanceof CdrCheck.Accepted accepted && !accepted.cdr().iccid().equals(key)) {
            return refused(CdrRejectionReason.KEY_MISMATCH, key == null ? "the record has no key; CDRs are keyed by ICCID"
                    : "the record's key is not its ICCID; CDRs are keyed by ICCID");
        }
        return check;
    }

    /** The checks of a CDR's content. */
    public CdrCheck check(byte[] value, Instant now) {
        if (value == null || value.length == 0) {
            return refused(CdrRejectionReason.MALFORMED_JSON, "empty value");
        }
        CdrV1 cdr;
        try {
            cdr = CdrJson.read(value);
        } catch (CdrJson.Unreadable e) {
            return refused(e.reason(), e.getMessage());
        }
        if (cdr.schemaVersion() != CdrV1.SCHEMA_VERSION) {
            return refused(CdrRejectionReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion " + cdr.schemaVersion());
        }
        if (cdr.recordingNode() == null || cdr.recordingNode().isBlank() || cdr.iccid() == null
                || cdr.type() == null || cdr.startTime() == null) {
            return refused(CdrRejectionReason.MISSING_FIELD, "recordingNode, iccid, type and startTime are required");
        }
        if (!storableText(cdr.recordingNode(), MAX_NODE_LENGTH) || !storableText(cdr.counterParty(), MAX_NUMBER_LENGTH)) {
            return refused(CdrRejectionReason.INVALID_FIELD, "recordingNode (at most " + MAX_NODE_LENGTH
                    + " characters) and counterParty (at most " + MAX_NUMBER_LENGTH + ") must be printable text");
        }
        if (cdr.chargingId() < 0 || cdr.sequenceNumber() < 1) {
            return refused(CdrRejectionReason.INVALID_FIELD, "chargingId must be >= 0 and sequenceNumber >= 1");
        }
        if (!Identifiers.isValidIccid(cdr.iccid())) {
            return refused(CdrRejectionReason.INVALID_ICCID, "not an 89687 ICCID with a valid Luhn digit");
        }
        if (cdr.uplinkBytes() < 0 || cdr.downlinkBytes() < 0 || cdr.durationSeconds() < 0) {
            return refused(CdrRejectionReason.NEGATIVE_QUANTITY, "bytes and durations cannot be negative");
        }
        if (cdr.durationSeconds() > limits.maxRecordDuration().toSeconds()
                || cdr.uplinkBytes() > limits.maxRecordBytes() || cdr.downlinkBytes() > limits.maxRecordBytes()) {
            return refused(CdrRejectionReason.IMPLAUSIBLE_QUANTITY, "duration or volume beyond what one record can hold");
        }
        if (cdr.startTime().isAfter(now.plus(limits.maxClockSkew()))) {
            return refused(CdrRejectionReason.FUTURE_TIMESTAMP, "startTime " + cdr.startTime() + " is in the future");
        }
        if (cdr.startTime().isBefore(now.minus(limits.maxAge()))) {
            return refused(CdrRejectionReason.TOO_OLD, "startTime " + cdr.startTime() + " is older than "
                    + limits.maxAge().toDays() + " days");
        }
        return new CdrCheck.Accepted(cdr);
    }

    /**
     * Text the database can store and a person can read: no control characters (PostgreSQL refuses
     * NUL in text, and such a record would fail its whole batch on every retry), bounded length.
     */
    private static boolean storableText(String value, int maxLength) {
        if (value == null) {
            return true;
        }
        if (value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static CdrCheck refused(CdrRejectionReason reason, String detail) {
        return new CdrCheck.Refused(reason, detail);
    }
}
