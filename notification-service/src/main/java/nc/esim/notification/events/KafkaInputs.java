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
import nc.esim.notification.customers.CustomerBindings;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;

/**
 * The service's Kafka inputs: subscription lifecycle events, usage alerts, one-time codes and customer bindings. Ready while both loops
 * run and their last batches succeeded.
 */
@Readiness
@ApplicationScoped
public class KafkaInputs implements HealthCheck {
    private final KafkaSettings kafka;
    private final SubscriptionNotifications subscriptionNotifications;
    private final UsageAlertNotifications usageAlertNotifications;
    private final BindingCodeNotifications bindingCodeNotifications;
    private final CustomerBindings customerBindings;
    private ConsumerLoop subscriptions;
    private ConsumerLoop usageAlerts;
    private ConsumerLoop bindingCodes;
    private ConsumerLoop bindings;

    public KafkaInputs(KafkaSettings kafka, SubscriptionNotifications subscriptionNotifications,
                       UsageAlertNotifications usageAlertNotifications, BindingCodeNotifications bindingCodeNotifications,
                       CustomerBindings customerBindings) {
        this.kafka = kafka;
        this.subscriptionNotifications = subscriptionNotifications;
        this.usageAlertNotifications = usageAlertNotifications;
        this.bindingCodeNotifications = bindingCodeNotifications;
        this.customerBindings = customerBindings;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions = new ConsumerLoop("subscriptions", kafka, "notification-service.subscriptions", 500,
                List.of(Topics.SUBSCRIPTION), subscriptionNotifications).start();
        usageAlerts = new ConsumerLoop("usage-alerts", kafka, "notification-service.usage-alerts", 500,
                List.of(Topics.USAGE_ALERTS), usageAlertNotifications).start();
        // codes on a group of their own: a backlog of lifecycle events never delays a code the customer waits for
        bindingCodes = new ConsumerLoop("binding-codes", kafka, "notification-service.binding-codes", 100,
                List.of(Topics.BINDING_CODE), bindingCodeNotifications).start();
        bindings = new ConsumerLoop("customer-bindings", kafka, "notification-service.customer-bindings", 500,
                List.of(Topics.CUSTOMER_BINDING), customerBindings).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriptions != null) {
            subscriptions.close();
        }
        for (ConsumerLoop loop : new ConsumerLoop[] {usageAlerts, bindingCodes, bindings}) {
            if (loop != null) {
                loop.close();
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean subscriptionsUp = subscriptions != null && subscriptions.healthy();
        boolean alertsUp = usageAlerts != null && usageAlerts.healthy();
        boolean codesUp = bindingCodes != null && bindingCodes.healthy();
        boolean bindingsUp = bindings != null && bindings.healthy();
        return HealthCheckResponse.named("kafka-consumers").status(subscriptionsUp && alertsUp && codesUp && bindingsUp)
                .withData("subscriptions", subscriptionsUp).withData("usage-alerts", alertsUp)
                .withData("binding-codes", codesUp).withData("customer-bindings", bindingsUp).build();
    }
}
