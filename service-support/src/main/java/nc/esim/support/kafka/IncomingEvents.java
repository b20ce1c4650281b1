package nc.esim.support.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;

/**
 * Turns a batch of platform events (CloudEvents headers + versioned JSON) into typed events and the
 * rejections of what could not be read, so that every consumer refuses bad input the same way.
 */
public final class IncomingEvents {
    private IncomingEvents() {
    }

    /** A readable event with its metadata. */
    public record Decoded<T>(EventMetadata metadata, T event) {
    }

    /** What a batch held: events to apply, records to reject. */
    public record Batch<T>(List<Decoded<T>> events, List<RejectedRecords.Rejection> rejections) {
    }

    /**
     * @param supported  what this consumer can apply (schema version, required fields)
     * @param expected   a description of {@code supported}, used as the rejection detail
     */
    public static <T> Batch<T> decode(ConsumerRecords<String, byte[]> records, Class<T> type, Predicate<T> supported,
                                      String expected) {
        return decodeChecked(records, type, event -> supported.test(event) ? null : expected, "UNSUPPORTED_EVENT");
    }

    /**
     * @param violation what is wrong with an event, null when nothing is; a non-null answer is the rejection
     *                  detail, under {@code reason}
     */
    public static <T> Batch<T> decodeChecked(ConsumerRecords<String, byte[]> records, Class<T> type,
                                             Function<T, String> violation, String reason) {
        List<Decoded<T>> events = new ArrayList<>();
        List<RejectedRecords.Rejection> rejections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
            if (metadata.isEmpty()) {
                rejections.add(new RejectedRecords.Rejection(record, "MISSING_CLOUDEVENTS_METADATA",
                        "ce_id, ce_type, ce_source and ce_time headers are required"));
                continue;
            }
            try {
                T event = record.value() == null ? null : EventJson.read(record.value(), type);
                String wrong = event == null ? "no value" : violation.apply(event);
                if (wrong != null) {
                    rejections.add(new RejectedRecords.Rejection(record, reason, wrong));
                } else {
                    events.add(new Decoded<>(metadata.get(), event));
                }
            } catch (IOException e) {
                rejections.add(new RejectedRecords.Rejection(record, "MALFORMED_JSON", "not a readable " + type.getSimpleName()));
            }
        }
        return new Batch<>(events, rejections);
    }
}
