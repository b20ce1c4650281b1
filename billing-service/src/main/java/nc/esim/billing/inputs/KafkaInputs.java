package nc.esim.billing.inputs;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import nc.esim.billing.accounts.UsageBalances;
import nc.esim.billing.advice.UsageProfiles;
import nc.esim.billing.lifecycle.DataExhaustion;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;

/**
 * billing-service's Kafka inputs, each on its own consumer group so that a backlog of daily usage never
 * delays a usage alert: the alerts (data exhaustion), the daily usage (the plan advisor's profile) and
 * the balances of customers' eSIMs (their home screen).
 * A wellness check, not a readiness one: with Kafka down the service still takes orders (events wait
 * in the outbox) and the advice is only older.
 */
@Wellness
@ApplicationScoped
public class KafkaInputs implements HealthCheck {
    private final KafkaSettings kafka;
    private final DataExhaustion dataExhaustion;
    private final UsageProfiles profiles;
    private final UsageBalances balances;
    private ConsumerLoop alerts;
    private ConsumerLoop daily;
    private ConsumerLoop balance;

    public KafkaInputs(KafkaSettings kafka, DataExhaustion dataExhaustion, UsageProfiles profiles, UsageBalances balances) {
        this.kafka = kafka;
        this.dataExhaustion = dataExhaustion;
        this.profiles = profiles;
        this.balances = balances;
    }

    void start(@Observes StartupEvent startup) {
        alerts = new ConsumerLoop("usage-alerts", kafka, "billing-service.usage-alerts", 200,
                List.of(Topics.USAGE_ALERTS), dataExhaustion).start();
        daily = new ConsumerLoop("usage-daily", kafka, "billing-service.usage-daily", 2000,
                List.of(Topics.USAGE_DAILY), profiles).start();
        balance = new ConsumerLoop("usage-balances", kafka, "billing-service.usage-balances", 500,
                List.of(Topics.USAGE_BALANCE), balances).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        for (ConsumerLoop loop : new ConsumerLoop[] {alerts, daily, balance}) {
            if (loop != null) {
                loop.close();
            }
        }
    }

    private static boolean healthy(ConsumerLoop loop) {
        return loop != null && loop.healthy();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-consumers").status(healthy(alerts) && healthy(daily) && healthy(balance))
                .withData("usage-alerts", healthy(alerts)).withData("usage-daily", healthy(daily))
                .withData("usage-balances", healthy(balance)).build();
    }
}
