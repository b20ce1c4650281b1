package nc.esim.billing.payments;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import nc.esim.billing.orders.PaymentMethod;

/**
 * A payment provider's confirmation that an order was paid: what was paid, how, and the provider's own
 * reference (a replay of the same confirmation carries the same reference).
 */
public record PaymentConfirmation(@NotBlank @Size(max = 40) String orderNumber,
                                  @NotNull PaymentMethod paymentMethod,
                                  @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                                  @NotNull @Min(0) Long amountMinor,
                                  @NotBlank @Size(max = 100) String paymentReference) {
}
