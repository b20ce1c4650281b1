package nc.esim.billing.accounts;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Asking for a code to bind the eSIM of a line to the caller's account.
 *
 * @param msisdn   the line's number, +687 and 6 digits; the code goes to it by SMS
 * @param eid      the device's EID (32 digits), when the app knows it
 * @param nickname what the customer calls this eSIM ("Marie's phone"), up to 40 characters
 */
public record BindingRequest(@NotNull @Pattern(regexp = "\\+687\\d{6}", message = "must be +687 and 6 digits") String msisdn,
                             @Pattern(regexp = "\\d{32}", message = "must be 32 digits") String eid,
                             @Size(max = 40) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not hold control characters") String nickname) {
}
