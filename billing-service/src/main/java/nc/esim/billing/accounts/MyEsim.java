package nc.esim.billing.accounts;

import java.time.Instant;
import java.time.LocalDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import nc.esim.billing.subscriptions.SubscriptionStatus;

/**
 * One eSIM of the customer's account as the app's home screen shows it: its status, what is left, until
 * when, and what renewing it costs now.
 *
 * @param validUntilLocal the last Pacific/Noumea minute it is valid, as every message shows it
 * @param left            what its live allowances have left, as usage-service last told; null until it has
 * @param renewal         the renewal of its plan as it would be charged now; null when it can no longer be renewed,
 *                        or not yet (as many periods as may be are bought ahead)
 */
public record MyEsim(String iccid, String msisdn, String eid, String nickname, String planCode,
                     SubscriptionStatus status, Instant validUntil, LocalDateTime validUntilLocal, boolean autoRenew,
                     Left left, Renewal renewal) {

    /** What is left, and when usage-service read it. */
    public record Left(long dataBytes, @Schema(description = "for people: MB or GB with one decimal") String data,
                       long dataLimitBytes, long voiceSeconds, long sms, Instant asOf) {
    }

    /** What renewing now costs, in XPF, after the early-renewal discount when it applies. */
    public record Renewal(String planCode, long priceMinor, long discountMinor, String currency) {
    }
}
