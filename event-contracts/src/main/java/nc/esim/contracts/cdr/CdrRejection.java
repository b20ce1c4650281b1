package nc.esim.contracts.cdr;

/**
 * Headers of a record on {@code esim.cdr.rejected.v1}. The value is the original bytes, unchanged; the
 * key is the original key (the ICCID, when there was one).
 */
public final class CdrRejection {
    /** A stable machine-readable code, e.g. {@code INVALID_ICCID}. */
    public static final String REASON = "esim_reject_reason";
    /** A human-readable explanation of the code for this record. */
    public static final String DETAIL = "esim_reject_detail";
    public static final String SOURCE_TOPIC = "esim_source_topic";
    public static final String SOURCE_PARTITION = "esim_source_partition";
    public static final String SOURCE_OFFSET = "esim_source_offset";

    private CdrRejection() {
    }
}
