package nc.esim.billing.sales;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import nc.esim.billing.orders.PaymentMethod;
import nc.esim.billing.subscriptions.SalesChannel;
import nc.esim.billing.subscriptions.ValidIccid;

/**
 * Selling a plan to an eSIM. Only these fields bind (an unknown field is refused): status, validity and
 * prices come from the catalog and the clock, and the selling shop from the caller's token, never from the body.
 *
 * @param language      fr, en or zh; French when absent
 * @param channel       where the sale happens; APP when absent
 * @param paymentMethod CARD when absent; bank transfer, WeChat Pay and Alipay leave the subscription PENDING
 *                      until the provider's signed confirmation
 * @param currency      the currency paid in (ISO 4217); XPF when absent
 * @param counterPartyConsent the customer consents to the support desk seeing the numbers they call and
 *                      text in full; no when absent
 */
public record SellPlanRequest(
        @NotNull @ValidIccid String iccid,
        @NotNull @Pattern(regexp = "\\+687\\d{6}", message = "must be +687 followed by 6 digits") String msisdn,
        @NotBlank String planCode,
        @Email String email,
        @Pattern(regexp = "fr|en|zh", message = "must be fr, en or zh") String language,
        SalesChannel channel,
        PaymentMethod paymentMethod,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
        Boolean counterPartyConsent) {
}
