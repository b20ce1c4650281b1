package nc.esim.usage.records;

/** Why a CDR was refused; the name is the {@code esim_reject_reason} header on the rejected topic. */
public enum CdrRejectionReason {
    MALFORMED_JSON,
    UNSUPPORTED_SCHEMA_VERSION,
    MISSING_FIELD,
    INVALID_FIELD,
    INVALID_ICCID,
    NEGATIVE_QUANTITY,
    IMPLAUSIBLE_QUANTITY,
    FUTURE_TIMESTAMP,
    TOO_OLD,
    /** Larger than {@code usage.ingest.max-cdr-size-bytes} once decompressed. */
    TOO_LARGE,
    /** The record's Kafka key is not the CDR's ICCID (or it has none). */
    KEY_MISMATCH
}
