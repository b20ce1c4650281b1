package nc.esim.billing.subscriptions;

import java.time.Instant;
import java.time.LocalDateTime;

import nc.esim.contracts.Zones;

/**
 * A subscription as the API shows it. {@code validUntil} is the exclusive end (UTC); {@code validUntilLocal} the
 * last Pacific/Noumea minute it is valid, as every message shows it ({@link Zones#lastValidMinute}).
 */
public record SubscriptionView(
        String subscriptionId,
        String iccid,
        String msisdn,
        String planCode,
        SubscriptionStatus status,
        String language,
        Instant activatedAt,
        Instant validUntil,
        LocalDateTime validUntilLocal,
        String orderNumber,
        boolean autoRenew,
        String autoRenewMethod,
        String soldByShop,
        boolean counterPartyConsent) {

    public static SubscriptionView of(Subscription s, String orderNumber) {
        return new SubscriptionView(s.id.toString(), s.iccid, s.msisdn, s.planCode, s.status, s.language,
                s.activatedAt, s.validUntil, Zones.lastValidMinute(s.validUntil), orderNumber,
                s.autoRenew, s.autoRenewMethod, s.soldByShop, s.counterPartyConsent);
    }
}
