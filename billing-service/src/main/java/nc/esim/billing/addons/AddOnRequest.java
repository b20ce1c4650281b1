package nc.esim.billing.addons;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import nc.esim.billing.orders.PaymentMethod;
import nc.esim.billing.subscriptions.SalesChannel;

/** Buying an add-on for a subscription. Only these fields bind: quota, days and price come from the catalog. */
public record AddOnRequest(@NotBlank String addOnCode, @NotNull SalesChannel channel, @NotNull PaymentMethod paymentMethod) {
}
