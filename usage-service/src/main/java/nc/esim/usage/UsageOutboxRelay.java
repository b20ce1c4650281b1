package nc.esim.usage;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.support.outbox.OutboxRelay;

/** Relays usage-service's outbox (alerts, re-rated records) to Kafka; see {@link OutboxRelay} for the guarantees. */
@ApplicationScoped
public class UsageOutboxRelay {
    private static final long RELAY_LOCK = 0x0E51_0005L;
    private final OutboxRelay relay;

    public UsageOutboxRelay(DataSource dataSource, KafkaSettings kafka, Clock clock, UsageConfig config) {
        this.relay = new OutboxRelay(dataSource, kafka, clock, RELAY_LOCK, config.outbox().batchSize());
    }

    @Scheduled(every = "${usage.outbox.relay-interval:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relay.relayWaiting();
    }

    @PreDestroy
    void close() {
        relay.close();
    }
}
