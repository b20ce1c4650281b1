package nc.esim.billing.reports;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What was sold on one Nouméa day: paid orders by kind, channel and payment method, with their
 * revenue in XPF minor units (whole francs), and the orders still waiting for their payment.
 */
public record SalesReport(LocalDate day, String timeZone, String currency, long orders, long revenueMinor,
                          List<Line> lines, long awaitingPayment, long awaitingPaymentMinor) {

    /** Paid orders of one kind through one channel with one payment method. */
    @Schema(name = "SalesLine", description = "Paid orders and revenue of one kind, channel and payment method")
    public record Line(String kind, String channel, String paymentMethod, long orders, long revenueMinor) {
    }
}
