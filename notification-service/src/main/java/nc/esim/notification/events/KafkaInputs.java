package nc.esim.notification.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;

/** The service's Kafka input: subscription lifecycle events. Ready while its loop runs and its last batch succeeded. */
@Readiness
@ApplicationScoped
public class KafkaInputs implements HealthCheck {
    private final KafkaSettings kafka;
    private final SubscriptionNotifications subscriptionNotifications;
    private ConsumerLoop subscriptions;

    public KafkaInputs(KafkaSettings kafka, SubscriptionNotifications subscriptionNotifications) {
        this.kafka = kafka;
        this.subscriptionNotifications = subscriptionNotifications;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions = new ConsumerLoop("subscriptions",
                kafka.consumer("notification-service.subscriptions", "subscriptions"), 500,
                List.of(Topics.SUBSCRIPTION), subscriptionNotifications).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriptions != null) {
            subscriptions.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = subscriptions != null && subscriptions.healthy();
        return HealthCheckResponse.named("kafka-consumers").status(up).withData("subscriptions", up).build();
    }
}
