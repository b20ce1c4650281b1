package nc.esim.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Reads and writes {@link EventMetadata} as CloudEvents Kafka protocol binding headers ({@code ce_*}). */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    // the same on every record: encoded once (usage-service writes one record per CDR)
    private static final byte[] SPEC_VERSION_1_0 = "1.0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] APPLICATION_JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    /** Writes the attributes, replacing any {@code ce_*} headers the record already has. */
    public static void write(EventMetadata metadata, Headers headers) {
        boolean replace = headers.iterator().hasNext(); // a fresh record has none: skip the searches
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0, replace);
        put(headers, ID, metadata.id(), replace);
        put(headers, TYPE, metadata.type(), replace);
        put(headers, SOURCE, metadata.source(), replace);
        if (metadata.subject() != null) {
            put(headers, SUBJECT, metadata.subject(), replace);
        }
        put(headers, TIME, metadata.time().toString(), replace);
        put(headers, CONTENT_TYPE, APPLICATION_JSON, replace);
    }

    /**
     * The attributes that every event of a burst shares (type, source, time), encoded once for the whole
     * burst: usage-service writes one event per CDR, thousands per batch, all rated at the same instant.
     */
    public static final class Shared {
        private final Header specVersion;
        private final Header type;
        private final Header source;
        private final Header time;
        private final Header contentType;

        private Shared(String type, String source, Instant time) {
            this.specVersion = new RecordHeader(SPEC_VERSION, SPEC_VERSION_1_0);
            this.type = new RecordHeader(TYPE, type.getBytes(StandardCharsets.UTF_8));
            this.source = new RecordHeader(SOURCE, source.getBytes(StandardCharsets.UTF_8));
            this.time = new RecordHeader(TIME, time.toString().getBytes(StandardCharsets.UTF_8));
            this.contentType = new RecordHeader(CONTENT_TYPE, APPLICATION_JSON);
        }
    }

    public static Shared shared(String type, String source, Instant time) {
        return new Shared(type, source, time);
    }

    /**
     * Writes the attributes of one event of a burst on a fresh record: the same headers, in the same
     * order, as {@link #write(EventMetadata, Headers)} with that metadata.
     */
    public static void write(Shared shared, String id, String subject, Headers headers) {
        headers.add(shared.specVersion);
        headers.add(ID, id.getBytes(StandardCharsets.UTF_8));
        headers.add(shared.type);
        headers.add(shared.source);
        if (subject != null) {
            headers.add(SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(shared.time);
        headers.add(shared.contentType);
    }

    /** The metadata of a record, or empty when a required attribute is missing or unreadable. */
    public static Optional<EventMetadata> read(Headers headers) {
        Optional<String> id = text(headers, ID);
        Optional<String> type = text(headers, TYPE);
        Optional<String> source = text(headers, SOURCE);
        Optional<String> time = text(headers, TIME);
        if (id.isEmpty() || type.isEmpty() || source.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventMetadata(id.get(), type.get(), source.get(),
                    text(headers, SUBJECT).orElse(null), Instant.parse(time.get())));
        } catch (RuntimeException unreadableTime) {
            return Optional.empty();
        }
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String name, String value, boolean replace) {
        put(headers, name, value.getBytes(StandardCharsets.UTF_8), replace);
    }

    private static void put(Headers headers, String name, byte[] value, boolean replace) {
        if (replace) {
            headers.remove(name);
        }
        headers.add(name, value);
    }
}
