package nc.esim.notification.events;

import java.time.Instant;

import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.ChargeV1;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.contracts.usage.UsageAlertV1;

/**
 * What a message may say, kept with the notification: the plan, the order, the period and the
 * allowance, or for a usage alert the quota, the level crossed and how much of how much is used. Never
 * an address, a number or an ICCID: messages carry no sensitive data.
 *
 * @param validUntil the end of the allowance concerned (UTC); shown as a Pacific/Noumea date
 * @param quota      DATA, VOICE or SMS (usage alerts)
 * @param used       bytes, seconds or messages used of {@code limit} (usage alerts)
 * @param charge     what the order cost, in minor units of {@code currency} (receipts); null when none
 * @param dataLeft   data left in the line's other live allowances (data alerts); null when not told
 * @param code       a one-time code for binding the eSIM to a customer account (a secret: removed from the
 *                   stored parameters once the SMS is settled); null otherwise
 * @param minutes    how many minutes that code is valid
 */
public record MessageParameters(String planCode, String orderNumber, Instant validUntil, Long dataBytes,
                                String quota, Integer levelPercent, Long used, Long limit, Long charge,
                                String currency, Long dataLeft, String code, Integer minutes) {

    /** Parameters of a lifecycle event or a usage alert: no code. */
    public MessageParameters(String planCode, String orderNumber, Instant validUntil, Long dataBytes, String quota,
                             Integer levelPercent, Long used, Long limit, Long charge, String currency, Long dataLeft) {
        this(planCode, orderNumber, validUntil, dataBytes, quota, levelPercent, used, limit, charge, currency, dataLeft,
                null, null);
    }

    /** Parameters that say nothing of the data left elsewhere. */
    public MessageParameters(String planCode, String orderNumber, Instant validUntil, Long dataBytes, String quota,
                             Integer levelPercent, Long used, Long limit, Long charge, String currency) {
        this(planCode, orderNumber, validUntil, dataBytes, quota, levelPercent, used, limit, charge, currency, null);
    }

    public static MessageParameters of(SubscriptionEventV1 event) {
        AllowanceV1 allowance = event.allowance();
        ChargeV1 charge = event.charge();
        return new MessageParameters(event.planCode(), event.orderNumber(),
                allowance == null ? null : allowance.validUntil(), allowance == null ? null : allowance.dataBytes(),
                null, null, null, null, charge == null ? null : charge.amountMinor(),
                charge == null ? null : charge.currency());
    }

    public static MessageParameters of(UsageAlertV1 alert) {
        return new MessageParameters(null, null, null, null, alert.quota().name(), alert.levelPercent(), alert.used(),
                alert.limit(), null, null, alert.dataLeftElsewhere() > 0 ? alert.dataLeftElsewhere() : null);
    }

    /** A one-time code valid {@code minutes} minutes. */
    public static MessageParameters ofCode(String code, int minutes) {
        return new MessageParameters(null, null, null, null, null, null, null, null, null, null, null, code, minutes);
    }

    /** The parameters as stored with a notification (jsonb). */
    public static MessageParameters fromJson(String json) {
        try {
            return nc.esim.contracts.EventJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    MessageParameters.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("unreadable notification parameters", e);
        }
    }
}
