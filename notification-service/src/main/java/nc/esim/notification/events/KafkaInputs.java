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

/**
 * The service's Kafka inputs: subscription lifecycle events and usage alerts. Ready while both loops
 * run and their last batches succeeded.
 */
@Readiness
@ApplicationScoped
public class KafkaInputs implements HealthCheck {
    private final KafkaSettings kafka;
    private final SubscriptionNotifications subscriptionNotifications;
    private final UsageAlertNotifications usageAlertNotifications;
    private ConsumerLoop subscriptions;
    private ConsumerLoop usageAlerts;

    public KafkaInputs(KafkaSettings kafka, SubscriptionNotifications subscriptionNotifications,
                       UsageAlertNotifications usageAlertNotifications) {
        this.kafka = kafka;
        this.subscriptionNotifications = subscriptionNotifications;
        this.usageAlertNotifications = usageAlertNotifications;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions = new ConsumerLoop("subscriptions", kafka, "notification-service.subscriptions", 500,
                List.of(Topics.SUBSCRIPTION), subscriptionNotifications).start();
        usageAlerts = new ConsumerLoop("usage-alerts", kafka, "notification-service.usage-alerts", 500,
                List.of(Topics.USAGE_ALERTS), usageAlertNotifications).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (usageAlerts != null) {
            usageAlerts.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean subscriptionsUp = subscriptions != null && subscriptions.healthy();
        boolean alertsUp = usageAlerts != null && usageAlerts.healthy();
        return HealthCheckResponse.named("kafka-consumers").status(subscriptionsUp && alertsUp)
                .withData("subscriptions", subscriptionsUp).withData("usage-alerts", alertsUp).build();
    }
}
