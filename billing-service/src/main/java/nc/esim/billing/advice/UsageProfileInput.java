package nc.esim.billing.advice;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.KafkaSettings;

/**
 * billing-service's input of daily usage, on its own consumer group so that a backlog of days never
 * delays the usage alerts. A wellness check, not a readiness one: without it the advice is only older.
 */
@Wellness
@ApplicationScoped
public class UsageProfileInput implements HealthCheck {
    private final KafkaSettings kafka;
    private final UsageProfiles profiles;
    private ConsumerLoop daily;

    public UsageProfileInput(KafkaSettings kafka, UsageProfiles profiles) {
        this.kafka = kafka;
        this.profiles = profiles;
    }

    void start(@Observes StartupEvent startup) {
        daily = new ConsumerLoop("usage-daily", kafka, "billing-service.usage-daily", 2000,
                List.of(Topics.USAGE_DAILY), profiles).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (daily != null) {
            daily.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("usage-profile-consumer").status(daily != null && daily.healthy()).build();
    }
}
