package nc.esim.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of every event: JSON, instants as ISO-8601 strings, unknown fields ignored so that
 * a producer can add a field without breaking older consumers. Kept apart from each service's REST
 * mapper so that a change of HTTP serialisation never changes a Kafka contract.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventJson() {
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an event; throws {@link IOException} on bytes that are not a readable instance of the type. */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    /** Reads a generic value (a list of records, say). */
    public static <T> T read(byte[] bytes, com.fasterxml.jackson.core.type.TypeReference<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }
}
