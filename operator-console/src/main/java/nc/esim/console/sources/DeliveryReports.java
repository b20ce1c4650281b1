package nc.esim.console.sources;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.console.ConsoleConfig;

/** notification-service's delivery report of today. */
@ApplicationScoped
public class DeliveryReports {
    private final SourceClient client;
    private final ConsoleConfig config;

    public DeliveryReports(SourceClient client, ConsoleConfig config) {
        this.client = client;
        this.config = config;
    }

    /** {@code GET /api/v1/reports/deliveries} as notification-service answers it. */
    public record Deliveries(LocalDate day, String timeZone, List<Channel> channels, long queueDepth, boolean smppLinkUp) {
        public record Channel(String channel, long queued, long retrying, long sending, long sent, long delivered,
                              long failed, long expired, long suppressed, long deferred) {
        }
    }

    public CompletableFuture<Deliveries> today() {
        return client.getJson(config.sources().notification(), "/api/v1/reports/deliveries", Deliveries.class);
    }
}
