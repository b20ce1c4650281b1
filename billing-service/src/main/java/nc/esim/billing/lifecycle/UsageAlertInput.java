package nc.esim.billing.lifecycle;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;

/**
 * billing-service's Kafka input: usage alerts, on their own consumer group. A wellness check, not a
 * readiness one: with Kafka down the service still takes orders (events wait in the outbox).
 */
@Wellness
@ApplicationScoped
public class UsageAlertInput implements HealthCheck {
    private final KafkaSettings kafka;
    private final DataExhaustion dataExhaustion;
    private ConsumerLoop alerts;

    public UsageAlertInput(KafkaSettings kafka, DataExhaustion dataExhaustion) {
        this.kafka = kafka;
        this.dataExhaustion = dataExhaustion;
    }

    void start(@Observes StartupEvent startup) {
        alerts = new ConsumerLoop("usage-alerts", kafka, "billing-service.usage-alerts", 200,
                List.of(Topics.USAGE_ALERTS), dataExhaustion).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (alerts != null) {
            alerts.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-consumers").status(alerts != null && alerts.healthy())
                .withData("usage-alerts", alerts != null && alerts.healthy()).build();
    }
}
