package nc.esim.billing.addons;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import nc.esim.billing.orders.PaymentMethod;
import nc.esim.billing.subscriptions.SalesChannel;

/**
 * Buying an add-on for a subscription. Only these fields bind: quota, days and price come from the catalog.
 *
 * @param currency the currency paid in (ISO 4217); XPF when absent
 */
public record AddOnRequest(@NotBlank String addOnCode, @NotNull SalesChannel channel, @NotNull PaymentMethod paymentMethod,
                           @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
}
