package nc.esim.billing.renewal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import nc.esim.billing.orders.PaymentMethod;

import nc.esim.billing.subscriptions.SalesChannel;

/**
 * Renewing a subscription for one more period. Only these fields bind: the period, the price and the
 * allowance come from the catalog, the subscription and the clock.
 *
 * @param planCode the plan of the new period; the subscription's own plan when absent
 * @param currency the currency paid in (ISO 4217); XPF when absent
 */
public record RenewalRequest(@NotNull SalesChannel channel, @NotNull PaymentMethod paymentMethod, String planCode,
                             @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
}
