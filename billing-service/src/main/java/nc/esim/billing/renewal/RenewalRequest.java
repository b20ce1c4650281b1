package nc.esim.billing.renewal;

import jakarta.validation.constraints.NotNull;

import nc.esim.billing.orders.PaymentMethod;

import nc.esim.billing.subscriptions.SalesChannel;

/**
 * Renewing a subscription for one more period. Only these fields bind: the period, the price and the
 * allowance come from the catalog, the subscription and the clock.
 *
 * @param planCode the plan of the new period; the subscription's own plan when absent
 */
public record RenewalRequest(@NotNull SalesChannel channel, @NotNull PaymentMethod paymentMethod, String planCode) {
}
