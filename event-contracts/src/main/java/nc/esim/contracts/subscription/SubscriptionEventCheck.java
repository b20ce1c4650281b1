package nc.esim.contracts.subscription;

import java.util.Set;

import nc.esim.contracts.Identifiers;

/**
 * What the consumers of {@code esim.subscription.v1} require of a fact before they act on it; anything
 * else goes to the rejected topic with the violation as its detail, never dropped silently. Every
 * consumer checks the fact itself ({@link #violation}); usage-service, which grants what a fact carries,
 * also checks its allowance ({@link #violationOfGrant}). The notifier needs the customer's contact, not the
 * allowance, and words a message without one.
 */
public final class SubscriptionEventCheck {
    /** The facts that grant or change an allowance and so must carry one. */
    public static final Set<SubscriptionEventType> CARRY_AN_ALLOWANCE = Set.of(SubscriptionEventType.ACTIVATED,
            SubscriptionEventType.RENEWED, SubscriptionEventType.TOPPED_UP, SubscriptionEventType.EXTENDED);

    private SubscriptionEventCheck() {
    }

    /** Null when {@code event} is acceptable, else what is wrong with it (no personal data). */
    public static String violation(SubscriptionEventV1 event) {
        return check(event, false);
    }

    /** As {@link #violation}, and a fact that grants or changes an allowance must carry a sound one. */
    public static String violationOfGrant(SubscriptionEventV1 event) {
        return check(event, true);
    }

    private static String check(SubscriptionEventV1 event, boolean grant) {
        if (event.schemaVersion() != SubscriptionEventV1.SCHEMA_VERSION) {
            return "schemaVersion must be " + SubscriptionEventV1.SCHEMA_VERSION;
        }
        if (event.type() == null || event.iccid() == null || event.occurredAt() == null) {
            return "type, iccid and occurredAt are required";
        }
        if (!Identifiers.isValidIccid(event.iccid())) {
            return "iccid is not an 89687 ICCID with a valid Luhn digit";
        }
        if (event.msisdn() != null && !Identifiers.isValidMsisdn(event.msisdn())) {
            return "msisdn is not +687 and 6 digits";
        }
        if (event.type() == SubscriptionEventType.ACTIVATED && event.msisdn() == null) {
            return "an ACTIVATED fact names the line's msisdn";
        }
        if (grant && CARRY_AN_ALLOWANCE.contains(event.type())) {
            AllowanceV1 allowance = event.allowance();
            if (allowance == null) {
                return event.type() + " must carry the allowance it grants or changes";
            }
            if (allowance.allowanceId() == null || allowance.allowanceId().isBlank()
                    || allowance.validFrom() == null || allowance.validUntil() == null) {
                return "the allowance needs allowanceId, validFrom and validUntil";
            }
            if (!allowance.validFrom().isBefore(allowance.validUntil())) {
                return "the allowance's validFrom must come before its validUntil";
            }
            if (allowance.dataBytes() < 0 || allowance.voiceSeconds() < 0 || allowance.smsCount() < 0) {
                return "the allowance's quotas cannot be negative";
            }
        }
        return null;
    }
}
