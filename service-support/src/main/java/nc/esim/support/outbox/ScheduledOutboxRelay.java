package nc.esim.support.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import nc.esim.support.kafka.KafkaSettings;

/**
 * Relays a service's outbox to Kafka every {@code esim.outbox.relay-interval} (0.5 s), in batches of
 * {@code esim.outbox.batch-size} (500), under the advisory lock {@code esim.outbox.lock}: one value
 * per service, the same for all of its instances, so that one of them relays at a time. See
 * {@link OutboxRelay} for the guarantees.
 */
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class ScheduledOutboxRelay {
    private final OutboxRelay relay;

    public ScheduledOutboxRelay(DataSource dataSource, KafkaSettings kafka, Clock clock,
                                @ConfigProperty(name = "esim.outbox.lock") long lock,
                                @ConfigProperty(name = "esim.outbox.batch-size", defaultValue = "500") int batchSize) {
        this.relay = new OutboxRelay(dataSource, kafka, clock, lock, batchSize);
    }

    @Scheduled(every = "${esim.outbox.relay-interval:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relay.relayWaiting();
    }

    @PreDestroy
    void close() {
        relay.close();
    }
}
