package nc.esim.billing.renewal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import nc.esim.billing.orders.PaymentMethod;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Turning auto-renewal on (with the method the payment provider charges: CARD or PAYPAL, stored on its
 * side) or off.
 */
public record AutoRenewalSetting(@NotNull Boolean enabled, PaymentMethod paymentMethod) {

    @AssertTrue(message = "auto-renewal needs paymentMethod CARD or PAYPAL")
    // a check, not a field: kept out of the OpenAPI schema, and refused if a client sends it
    @Schema(hidden = true)
    public boolean isChargeable() {
        return !Boolean.TRUE.equals(enabled) || paymentMethod == PaymentMethod.CARD || paymentMethod == PaymentMethod.PAYPAL;
    }
}
