package nc.esim.usage;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.usage.records.CdrIngest;
import nc.esim.usage.allowances.IccidLocks;
import nc.esim.usage.allowances.SubscriptionEvents;

/**
 * The service's two Kafka inputs, each on its own consumer loop and consumer group: CDRs and
 * subscription events. Ready only while both loops run and their last batch succeeded.
 */
@Readiness
@ApplicationScoped
public class KafkaInputs implements HealthCheck {
    private final KafkaSettings kafka;
    private final CdrIngest cdrIngest;
    private final SubscriptionEvents subscriptionEvents;
    private static final Logger LOG = Logger.getLogger(KafkaInputs.class);
    private final UsageConfig config;
    private final IccidLocks locks;
    private final List<ConsumerLoop> cdrs = new java.util.ArrayList<>();
    private ConsumerLoop subscriptions;
    private ConsumerLoop bindings;
    private final nc.esim.usage.customers.CustomerBindings customerBindings;

    public KafkaInputs(KafkaSettings kafka, CdrIngest cdrIngest, SubscriptionEvents subscriptionEvents, UsageConfig config,
                       IccidLocks locks, nc.esim.usage.customers.CustomerBindings customerBindings) {
        this.locks = locks;
        this.customerBindings = customerBindings;
        this.kafka = kafka;
        this.cdrIngest = cdrIngest;
        this.subscriptionEvents = subscriptionEvents;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        locks.useStripes(cdrPartitions());
        subscriptions = new ConsumerLoop("subscriptions", kafka, "usage-service.subscriptions", 500,
                List.of(Topics.SUBSCRIPTION), subscriptionEvents).start();
        bindings = new ConsumerLoop("customer-bindings", kafka, "usage-service.customer-bindings", 500,
                List.of(Topics.CUSTOMER_BINDING), customerBindings).start();
        for (int i = 0; i < config.ingest().consumers(); i++) {
            cdrs.add(new ConsumerLoop("cdr-ingest-" + i, kafka, "usage-service.cdr-ingest",
                    config.ingest().maxBatch(), List.of(Topics.CDR), cdrIngest).start());
        }
    }

    /**
     * The partition count of the CDR topic, which {@link IccidLocks} uses as its stripes. If the topic
     * cannot be described, one stripe: the consumers then wait for each other but stay correct.
     */
    private int cdrPartitions() {
        try (Admin admin = Admin.create(kafka.admin())) {
            return admin.describeTopics(List.of(Topics.CDR)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.CDR).partitions().size();
        } catch (Exception e) {
            LOG.warnf("could not describe %s (%s): ICCID locks use one stripe", Topics.CDR, e.toString());
            return 1;
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        cdrs.forEach(ConsumerLoop::close);
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (bindings != null) {
            bindings.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean cdrsUp = !cdrs.isEmpty() && cdrs.stream().allMatch(ConsumerLoop::healthy);
        boolean subscriptionsUp = subscriptions != null && subscriptions.healthy();
        boolean bindingsUp = bindings != null && bindings.healthy();
        return HealthCheckResponse.named("kafka-consumers").status(cdrsUp && subscriptionsUp && bindingsUp)
                .withData("cdr-ingest", cdrsUp).withData("subscriptions", subscriptionsUp)
                .withData("customer-bindings", bindingsUp).build();
    }
}
