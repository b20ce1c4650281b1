package nc.esim.contracts;

/**
 * Headers of a record on a rejected topic ({@link Topics#rejectedOf}). The value is the original bytes,
 * unchanged; the key and headers are the original ones, plus these. A value larger than the rejected
 * topics take (64 KiB) is kept as its first 64 KiB, with {@link #ORIGINAL_SIZE} and
 * {@link #ORIGINAL_SHA256}; original headers larger than 16 KiB in all are left out
 * ({@link #HEADERS_DROPPED}), so that no record is too large to reject.
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
    /** Only on a truncated copy: the original value's size in bytes. */
    public static final String ORIGINAL_SIZE = "esim_original_size";
    /** Only on a truncated copy: the SHA-256 of the original value, hex. */
    public static final String ORIGINAL_SHA256 = "esim_original_sha256";
    /** Only when the original headers were left out: how many there were. */
    public static final String HEADERS_DROPPED = "esim_headers_dropped";

    private RejectionHeaders() {
    }
}
