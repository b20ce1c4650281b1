package nc.esim.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents attributes of one event, carried in Kafka headers (binary content mode) so that the
 * payload stays the plain versioned JSON of the contract.
 *
 * @param id      unique per event; consumers deduplicate on it
 * @param type    e.g. {@code nc.esim.subscription.activated.v1}
 * @param source  the producing service, e.g. {@code /billing-service}
 * @param subject the ICCID the event concerns (also the Kafka key)
 * @param time    when the fact happened, UTC
 */
public record EventMetadata(String id, String type, String source, String subject, Instant time) {

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    public static EventMetadata newEvent(String type, String source, String subject, Instant time) {
        return new EventMetadata(UUID.randomUUID().toString(), type, source, subject, time);
    }
}
