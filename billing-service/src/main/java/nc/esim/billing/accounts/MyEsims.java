package nc.esim.billing.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.payments.PriceQuote;
import nc.esim.billing.promotions.AppliedPromotion;
import nc.esim.billing.promotions.Promotions;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionView;
import nc.esim.contracts.DataSizes;
import nc.esim.contracts.Zones;

/** The eSIMs of a customer account, with their subscription, balance and renewal price, in one read. */
@ApplicationScoped
public class MyEsims {
    private final EntityManager entityManager;
    private final Promotions promotions;
    private final BillingConfig config;
    private final Clock clock;

    public MyEsims(EntityManager entityManager, Promotions promotions, BillingConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.promotions = promotions;
        this.config = config;
        this.clock = clock;
    }

    public List<MyEsim> of(String account) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select b.iccid, b.msisdn, b.eid, b.nickname, u.data_left_bytes, u.data_limit_bytes,
                               u.voice_left_seconds, u.sms_left, u.as_of
                        from esim_binding b left join usage_balance u on u.iccid = b.iccid
                        where b.account = ?1 order by b.bound_at, b.iccid""")
                .setParameter(1, account).getResultList();
        return rows.stream().map(row -> view(row, now)).toList();
    }

    private MyEsim view(Object[] row, Instant now) {
        String iccid = (String) row[0];
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow();
        MyEsim.Left left = row[8] == null ? null : new MyEsim.Left(number(row[4]), DataSizes.forPeople(number(row[4])),
                number(row[5]), number(row[6]), number(row[7]), instant(row[8]));
        SubscriptionView periods = SubscriptionView.of(subscription, null, now);
        return new MyEsim(iccid, (String) row[1], (String) row[2], (String) row[3], periods.planCode(),
                subscription.status, subscription.validUntil, Zones.lastValidMinute(subscription.validUntil),
                subscription.autoRenew, left, renewal(subscription, periods.periodsAhead().size(), now));
    }

    /**
     * The renewal of the subscription's plan priced as {@code Renewals} would price it now; null after grace
     * and while as many periods as may be are bought ahead.
     */
    private MyEsim.Renewal renewal(Subscription subscription, int periodsAhead, Instant now) {
        if (subscription.validUntil.plus(config.renewal().grace()).isBefore(now)
                || periodsAhead >= config.renewal().maxPeriodsAhead()) {
            return null;
        }
        Plan plan = Plan.findById(subscription.planCode);
        if (plan == null) {
            return null;
        }
        AppliedPromotion promotion = promotions.forRenewal(subscription, plan.priceMinor, now, periodsAhead == 0);
        PriceQuote quote = PriceQuote.inXpf(plan.priceMinor, promotion.discountMinor());
        return new MyEsim.Renewal(plan.code, quote.totalMinor(), quote.discountMinor(), quote.currency());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant()
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
