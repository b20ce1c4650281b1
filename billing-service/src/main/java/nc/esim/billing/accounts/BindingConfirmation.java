package nc.esim.billing.accounts;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The code the customer read in the SMS, for the challenge it was sent for.
 *
 * @param challengeId what {@code POST /api/v1/me/bindings} answered
 * @param code        six digits
 */
public record BindingConfirmation(@NotNull UUID challengeId,
                                  @NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
}
