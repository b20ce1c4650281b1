package nc.esim.console.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.console.ConsoleConfig;

/** billing-service's operator reports: today's sales and what expires soon. */
@ApplicationScoped
public class BillingReports {
    private final SourceClient client;
    private final ConsoleConfig config;

    public BillingReports(SourceClient client, ConsoleConfig config) {
        this.client = client;
        this.config = config;
    }

    /** {@code GET /api/v1/reports/sales} as billing-service answers it. */
    public record Sales(LocalDate day, String timeZone, String currency, long orders, long revenueMinor,
                        List<Line> lines, long awaitingPayment, long awaitingPaymentMinor) {
        public record Line(String kind, String channel, String paymentMethod, long orders, long revenueMinor) {
        }
    }

    /** {@code GET /api/v1/reports/expiring} as billing-service answers it. */
    public record Expiring(Instant from, Instant until, long count, List<Subscription> subscriptions) {
        public record Subscription(String iccid, String planCode, String status, Instant validUntil, boolean autoRenew) {
        }
    }

    public CompletableFuture<Sales> salesToday() {
        return client.getJson(config.sources().billing(), "/api/v1/reports/sales", Sales.class);
    }

    public CompletableFuture<Expiring> expiring() {
        return client.getJson(config.sources().billing(), "/api/v1/reports/expiring?hours=" + config.expiringHours()
                + "&limit=" + config.expiringListed(), Expiring.class);
    }
}
