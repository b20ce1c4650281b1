package nc.esim.billing.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import nc.esim.support.transactions.AfterCommit;

/**
 * billing-service's business metrics. Paid orders count only once their transaction commits, so a
 * rolled-back sale is never revenue:
 * <ul>
 *   <li>{@code esim_billing_orders_paid_total{kind,channel,payment_method}}: sales, renewals, top-ups, extensions;</li>
 *   <li>{@code esim_billing_revenue_xpf_total{kind,channel,payment_method}}: their price in XPF (whole francs);</li>
 *   <li>{@code esim_billing_payment_callbacks_total{outcome}}: payment providers' confirmations by what came of them;</li>
 *   <li>{@code esim_billing_idempotent_replays_total{operation}}: retries answered from the kept response;</li>
 *   <li>{@code esim_billing_orders_awaiting_payment}: orders waiting for their provider's confirmation now.</li>
 * </ul>
 * Depends on nothing else in billing, so that every feature package may report to it.
 */
@ApplicationScoped
public class BillingMetrics {
    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;

    public BillingMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions, DataSource dataSource) {
        this.registry = registry;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    void registerGauges(@Observes StartupEvent start) {
        Gauge.builder("esim.billing.orders.awaiting.payment", this, BillingMetrics::awaitingPaymentOrNaN)
                .description("Orders waiting for their payment provider's confirmation").register(registry);
    }

    /** An order paid now (at order, or by a provider's confirmation), counted when the transaction commits. */
    public void orderPaid(String kind, String channel, String paymentMethod, long amountXpf) {
        Counter orders = Counter.builder("esim.billing.orders.paid").description("Paid orders")
                .tags("kind", kind, "channel", channel, "payment_method", paymentMethod).register(registry);
        Counter revenue = Counter.builder("esim.billing.revenue.xpf").description("Revenue in XPF (whole francs)")
                .tags("kind", kind, "channel", channel, "payment_method", paymentMethod).register(registry);
        AfterCommit.run(transactions, () -> {
            orders.increment();
            revenue.increment(amountXpf);
        });
    }

    /** A payment confirmation answered: CONFIRMED, REFUND_DUE, or the problem it was refused with. */
    public void paymentCallback(String outcome) {
        registry.counter("esim.billing.payment.callbacks", "outcome", outcome).increment();
    }

    /** A retried request answered with the response kept under its idempotency key. */
    public void idempotentReplay(String operation) {
        registry.counter("esim.billing.idempotent.replays", "operation", operation).increment();
    }

    private double awaitingPaymentOrNaN() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from customer_order where status = 'AWAITING_PAYMENT'");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return Double.NaN; // database away: unknown, not zero
        }
    }
}
