package nc.esim.billing.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import nc.esim.billing.orders.SubscriptionView;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.DataSizes;
import nc.esim.contracts.Zones;

/** The eSIMs of a customer account, with their subscription, balance and renewal price, in one read. */
@ApplicationScoped
public class MyEsims {
    private final EntityManager entityManager;
    private final Renewals renewals;
    private final Clock clock;

    public MyEsims(EntityManager entityManager, Renewals renewals, Clock clock) {
        this.entityManager = entityManager;
        this.renewals = renewals;
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
                subscription.autoRenew, left, renewal(subscription, now));
    }

    /** The renewal of the subscription's plan priced as {@link Renewals#renew} would charge it now; null when refused. */
    private MyEsim.Renewal renewal(Subscription subscription, Instant now) {
        return renewals.priceNow(subscription, now).map(quote -> new MyEsim.Renewal(subscription.planCode,
                quote.totalMinor(), quote.discountMinor(), quote.currency())).orElse(null);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant()
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
