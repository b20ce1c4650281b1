package nc.esim.notification;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.support.outbox.OutboxRelay;

/** Relays the delivery facts (esim.notification.v1) from the outbox; see {@link OutboxRelay} for the guarantees. */
@ApplicationScoped
public class NotificationOutboxRelay {
    private static final long RELAY_LOCK = 0x0E51_0A07_0001L;
    private static final int BATCH_SIZE = 500;
    private final OutboxRelay relay;

    public NotificationOutboxRelay(DataSource dataSource, KafkaSettings kafka, Clock clock) {
        this.relay = new OutboxRelay(dataSource, kafka, clock, RELAY_LOCK, BATCH_SIZE);
    }

    @Scheduled(every = "${notification.outbox.relay-interval:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relay.relayWaiting();
    }

    @PreDestroy
    void close() {
        relay.close();
    }
}
