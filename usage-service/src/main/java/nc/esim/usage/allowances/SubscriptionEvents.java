package nc.esim.usage.allowances;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.kafka.ConsumerLoop;
import nc.esim.kafka.RejectedRecords;

/**
 * Keeps the allowance replica from {@code esim.subscription.v1}. Each event is applied once: its
 * CloudEvents id goes into {@code processed_event} in the transaction that applies it.
 */
@ApplicationScoped
public class SubscriptionEvents implements ConsumerLoop.BatchHandler {
    private final AllowanceRepository allowances;
    private final SubscriberRepository subscribers;
    private final RejectedRecords rejected;
    private final DataSource dataSource;
    private final Clock clock;

    public SubscriptionEvents(AllowanceRepository allowances, SubscriberRepository subscribers,
                              RejectedRecords rejected, DataSource dataSource, Clock clock) {
        this.allowances = allowances;
        this.subscribers = subscribers;
        this.rejected = rejected;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private record Readable(EventMetadata metadata, SubscriptionEventV1 event) {
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> batch) throws Exception {
        List<Readable> events = new ArrayList<>();
        List<RejectedRecords.Rejection> rejections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
            if (metadata.isEmpty()) {
                rejections.add(new RejectedRecords.Rejection(record, "MISSING_CLOUDEVENTS_METADATA",
                        "ce_id, ce_type, ce_source and ce_time headers are required"));
                continue;
            }
            try {
                SubscriptionEventV1 event = EventJson.read(record.value(), SubscriptionEventV1.class);
                if (event.schemaVersion() != SubscriptionEventV1.SCHEMA_VERSION || event.iccid() == null
                        || event.type() == null) {
                    rejections.add(new RejectedRecords.Rejection(record, "UNSUPPORTED_EVENT",
                            "schemaVersion 1 with iccid and type expected"));
                } else {
                    events.add(new Readable(metadata.get(), event));
                }
            } catch (IOException e) {
                rejections.add(new RejectedRecords.Rejection(record, "MALFORMED_JSON", "not a subscription event"));
            }
        }
        if (!events.isEmpty()) {
            QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    for (Readable readable : events) {
                        if (firstTime(connection, readable.metadata().id())) {
                            apply(connection, readable.event());
                        }
                    }
                }
                return null;
            });
        }
        rejected.publish(rejections);
    }

    private boolean firstTime(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into processed_event (event_id, processed_at) values (?, ?) on conflict do nothing")) {
            insert.setString(1, eventId);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            return insert.executeUpdate() == 1;
        }
    }

    private void apply(Connection connection, SubscriptionEventV1 event) throws SQLException {
        if (event.msisdn() != null && event.subscriptionId() != null) {
            subscribers.upsert(connection, new SubscriberRepository.Subscriber(event.iccid(), event.msisdn(),
                    event.subscriptionId()), event.occurredAt());
        }
        AllowanceV1 granted = event.allowance();
        if (granted != null) {
            allowances.upsert(connection, new Allowance(granted.allowanceId(), event.iccid(), granted.dataBytes(),
                    granted.voiceSeconds(), granted.smsCount(), granted.validFrom(), granted.validUntil()));
        }
    }
}
