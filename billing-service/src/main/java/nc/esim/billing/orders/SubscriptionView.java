package nc.esim.billing.orders;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.contracts.Zones;

/**
 * A subscription as the API shows it. {@code validUntil} is the exclusive end (UTC) of everything bought;
 * {@code validUntilLocal} the last Pacific/Noumea minute it is valid, as every message shows it
 * ({@link Zones#lastValidMinute}). {@code planCode} is the plan of the period running now; periods renewed
 * ahead are listed in {@code periodsAhead}, soonest first, each with its own plan.
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
        boolean counterPartyConsent,
        List<PeriodAhead> periodsAhead) {

    /** A period paid for that has not begun: a renewal bought before the current period ends. */
    public record PeriodAhead(String orderNumber, String planCode, Instant periodStart, Instant periodEnd) {
    }

    /** The subscription at {@code now}: the plan of the period running then, and the periods bought after it. */
    public static SubscriptionView of(Subscription s, String orderNumber, Instant now) {
        List<CustomerOrder> periods = CustomerOrder.list("""
                        subscriptionId = ?1 and status = ?2 and kind in ?4 and periodEnd > ?3
                        order by periodStart, orderNumber""", s.id, OrderStatus.CONFIRMED, now,
                List.of(OrderKind.SALE, OrderKind.RENEWAL));
        // the subscription's own plan is the last one bought; before any period is running (a sale awaiting
        // payment) or after the last ended (grace) it is the one shown
        String current = periods.stream().filter(o -> !o.periodStart.isAfter(now)).reduce((a, b) -> b)
                .map(o -> o.planCode).orElse(s.planCode);
        List<PeriodAhead> ahead = periods.stream().filter(o -> o.periodStart.isAfter(now))
                .map(o -> new PeriodAhead(o.orderNumber, o.planCode, o.periodStart, o.periodEnd)).toList();
        return new SubscriptionView(s.id.toString(), s.iccid, s.msisdn, current, s.status, s.language,
                s.activatedAt, s.validUntil, Zones.lastValidMinute(s.validUntil), orderNumber,
                s.autoRenew, s.autoRenewMethod, s.soldByShop, s.counterPartyConsent, ahead);
    }
}
