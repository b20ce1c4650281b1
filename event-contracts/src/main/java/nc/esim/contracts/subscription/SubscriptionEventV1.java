package nc.esim.contracts.subscription;

import java.time.Instant;

/**
 * A subscription lifecycle fact, topic {@code esim.subscription.v1}, key = ICCID.
 *
 * @param schemaVersion  always {@value #SCHEMA_VERSION}
 * @param type           which fact
 * @param subscriptionId billing's id of the subscription
 * @param iccid          the eSIM
 * @param msisdn         its phone number
 * @param planCode       the plan the subscription is on
 * @param orderNumber    the order that caused the fact, when one did
 * @param language       the customer's language for messages: fr, en or zh
 * @param email          where the customer wants email (personal data; may be null)
 * @param allowance      the allowance granted by this fact (ACTIVATED, RENEWED, TOPPED_UP), else null
 * @param occurredAt     when it happened, UTC
 * @param soldByShop     the partner shop that sold the subscription (its token's shop id), null when sold
 *                       elsewhere; it alone may read the subscription's itemised records
 * @param counterPartyConsent whether the customer consents to the support desk seeing counter-party numbers
 *                       in full; null in events written before consent was recorded (read as no)
 * @param charge         what the order named by {@code orderNumber} costs, in XPF; null when the fact has no order,
 *                       and in events written before charges were carried
 */
public record SubscriptionEventV1(
        int schemaVersion,
        SubscriptionEventType type,
        String subscriptionId,
        String iccid,
        String msisdn,
        String planCode,
        String orderNumber,
        String language,
        String email,
        AllowanceV1 allowance,
        Instant occurredAt,
        String soldByShop,
        Boolean counterPartyConsent,
        ChargeV1 charge) {

    public static final int SCHEMA_VERSION = 1;

    /** A fact without a charge (no order behind it, or written before charges were carried). */
    public SubscriptionEventV1(int schemaVersion, SubscriptionEventType type, String subscriptionId, String iccid,
                               String msisdn, String planCode, String orderNumber, String language, String email,
                               AllowanceV1 allowance, Instant occurredAt, String soldByShop,
                               Boolean counterPartyConsent) {
        this(schemaVersion, type, subscriptionId, iccid, msisdn, planCode, orderNumber, language, email, allowance,
                occurredAt, soldByShop, counterPartyConsent, null);
    }
}
