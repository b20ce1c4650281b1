package nc.esim.billing.consent;

import jakarta.validation.constraints.NotNull;

/** The customer's consent to the support desk seeing the numbers they call and text in full. */
public record CounterPartyConsent(@NotNull Boolean granted) {
}
