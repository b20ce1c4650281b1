package nc.esim.billing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service settings (application.properties, prefix {@code billing}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** The CloudEvents source of every event this service publishes. */
    @WithDefault("/billing-service")
    String eventSource();

    Outbox outbox();

    interface Outbox {
        /** Events published per relay transaction. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for waiting events (a Quarkus scheduler interval, e.g. 0.5s). */
        @WithDefault("0.5s")
        String relayInterval();
    }
}
