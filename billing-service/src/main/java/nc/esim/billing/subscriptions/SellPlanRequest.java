package nc.esim.billing.subscriptions;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Selling a plan to an eSIM. Only these fields bind: status, validity and prices come from the
 * catalog and the clock, never from the caller.
 *
 * @param language fr, en or zh; French when absent
 * @param channel  where the sale happens; APP when absent
 */
public record SellPlanRequest(
        @NotNull @ValidIccid String iccid,
        @NotNull @Pattern(regexp = "\\+687\\d{6}", message = "must be +687 followed by 6 digits") String msisdn,
        @NotBlank String planCode,
        @Email String email,
        @Pattern(regexp = "fr|en|zh", message = "must be fr, en or zh") String language,
        SalesChannel channel) {
}
