package nc.esim.usage.allowances;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventCheck;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.usage.records.ReRating;

/**
 * Keeps the allowance replica from {@code esim.subscription.v1}. Each event is applied once: its
 * CloudEvents id goes into {@code processed_event} in the transaction that applies it. An allowance
 * granted or changed re-rates the usage it may now cover ({@link ReRating}), under the ICCIDs' locks
 * so that no CDR batch rates the same ICCID meanwhile.
 */
@ApplicationScoped
public class SubscriptionEvents implements ConsumerLoop.BatchHandler {
    private final AllowanceRepository allowances;
    private final SubscriberRepository subscribers;
    private final IccidLocks locks;
    private final ReRating reRating;
    private final RejectedRecords rejected;
    private final DataSource dataSource;
    private final Clock clock;

    public SubscriptionEvents(AllowanceRepository allowances, SubscriberRepository subscribers, IccidLocks locks,
                              ReRating reRating, RejectedRecords rejected, DataSource dataSource, Clock clock) {
        this.allowances = allowances;
        this.subscribers = subscribers;
        this.locks = locks;
        this.reRating = reRating;
        this.rejected = rejected;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) throws Exception {
        IncomingEvents.Batch<SubscriptionEventV1> batch = IncomingEvents.decodeChecked(records, SubscriptionEventV1.class,
                SubscriptionEventCheck::violationOfGrant, "INVALID_EVENT");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    locks.lock(connection, batch.events().stream().map(d -> d.event().iccid()).toList());
                    for (IncomingEvents.Decoded<SubscriptionEventV1> decoded : batch.events()) {
                        if (firstTime(connection, decoded.metadata().id())) {
                            apply(connection, decoded.event());
                        }
                    }
                }
                return null;
            });
        }
        rejected.publish(batch.rejections());
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
                    event.subscriptionId(), event.soldByShop(), Boolean.TRUE.equals(event.counterPartyConsent())),
                    event.occurredAt());
        }
        AllowanceV1 granted = event.allowance();
        if (granted != null) {
            Allowance allowance = new Allowance(granted.allowanceId(), event.iccid(), granted.dataBytes(),
                    granted.voiceSeconds(), granted.smsCount(), granted.validFrom(), granted.validUntil());
            allowances.upsert(connection, allowance);
            reRating.afterGrant(connection, allowance, clock.instant());
        }
    }
}
