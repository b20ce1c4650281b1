package nc.esim.billing.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import nc.esim.billing.BillingConfig;
import nc.esim.support.kafka.KafkaSettings;

/** Relays billing's outbox to Kafka on a schedule; see {@link nc.esim.support.outbox.OutboxRelay} for the guarantees. */
@ApplicationScoped
public class OutboxRelay {
    private static final long RELAY_LOCK = 0x0E51_B111_0001L;

    private final nc.esim.support.outbox.OutboxRelay relay;

    public OutboxRelay(DataSource dataSource, KafkaSettings kafka, Clock clock, BillingConfig config) {
        this.relay = new nc.esim.support.outbox.OutboxRelay(dataSource, kafka, clock, RELAY_LOCK,
                config.outbox().batchSize());
    }

    @Scheduled(every = "${billing.outbox.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relay.relayWaiting();
    }

    @PreDestroy
    void close() {
        relay.close();
    }
}
