package nc.esim.contracts;

/**
 * Headers of a record on a rejected topic ({@link Topics#rejectedOf}). The value is the original bytes,
 * unchanged; the key and headers are the original ones, plus these.
 */
public final class RejectionHeaders {
    /** A stable machine-readable code, e.g. {@code INVALID_ICCID}. */
    public static final String REASON = "esim_reject_reason";
    /** A human-readable explanation for this record (never personal data). */
    public static final String DETAIL = "esim_reject_detail";
    /** The service that refused it, e.g. {@code usage-service}. */
    public static final String REJECTED_BY = "esim_rejected_by";
    public static final String SOURCE_TOPIC = "esim_source_topic";
    public static final String SOURCE_PARTITION = "esim_source_partition";
    public static final String SOURCE_OFFSET = "esim_source_offset";

    private RejectionHeaders() {
    }
}
