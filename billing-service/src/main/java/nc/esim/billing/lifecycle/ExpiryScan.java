package nc.esim.billing.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.contracts.subscription.SubscriptionEventType;

/**
 * Tells when subscriptions are about to end, end, and leave their grace period: EXPIRING_SOON at each
 * reminder offset (3 days and 1 day before by default), EXPIRED, GRACE_ENDED. Each notice is given
 * once per subscription and period: a {@code lifecycle_notice} row, unique per subscription, period end
 * and notice, is written in the transaction that writes the event to the outbox. Two instances scanning
 * at once both try the insert; the unique key lets one through and the other skips. A period renewed or
 * extended has a new end, hence its own notices. The same claim places one auto-renewal per period for
 * subscriptions with auto-renewal on, {@code billing.lifecycle.auto-renew-before} the end (P2D), so that
 * its payment can be confirmed before the period ends; if it is not, the order expires as
 * AUTO_RENEW_FAILED and the reminders and expiry follow as for any subscription.
 */
@ApplicationScoped
public class ExpiryScan {
    private static final Logger LOG = Logger.getLogger(ExpiryScan.class);

    private final EntityManager entityManager;
    static final String AUTO_RENEWAL = "AUTO_RENEWAL";

    private final Checkout checkout;
    private final Renewals renewals;
    private final Clock clock;
    private final BillingConfig config;

    private final Timer scanDuration;

    public ExpiryScan(EntityManager entityManager, Checkout checkout, Renewals renewals, Clock clock, BillingConfig config,
                      MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.checkout = checkout;
        this.renewals = renewals;
        this.scanDuration = Timer.builder("esim.lifecycle.scan").description("one expiry scan over every subscription")
                .register(metrics);
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${billing.lifecycle.scan-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            // timed for operators (and bench/renewals): how long a scan over every subscription takes
            int given = scanDuration.recordCallable(this::scan);
            if (given > 0) {
                LOG.infof("expiry scan: %d lifecycle notices", given);
            }
        } catch (Exception e) {
            LOG.warnf("expiry scan failed, the next run takes over: %s", e.toString());
        }
    }

    /** Gives every notice due now, and places the auto-renewals due; returns how many. */
    public int scan() {
        Instant now = clock.instant();
        List<Duration> offsets = config.lifecycle().reminderOffsets().stream().sorted().toList();
        int given = 0;
        // auto-renewals first: one confirmed in time makes the reminders of the old end moot
        given += giveAll(AUTO_RENEWAL, List.of(AUTO_RENEWAL), now, now.plus(config.lifecycle().autoRenewBefore()),
                "s.auto_renew", this::placeAutoRenewal);
        // nearest reminder first: a subscription already inside the 1-day window gets that one, and the
        // 3-day one is recorded as passed instead of arriving late
        for (int i = 0; i < offsets.size(); i++) {
            List<String> thisAndLater = offsets.subList(i, offsets.size()).stream().map(ExpiryScan::reminder).toList();
            given += giveAll(reminder(offsets.get(i)), thisAndLater, now, now.plus(offsets.get(i)), "true",
                    lifecycleEvent(SubscriptionEventType.EXPIRING_SOON, SubscriptionStatus.EXPIRING_SOON));
        }
        given += giveAll("EXPIRED", List.of("EXPIRED"), Instant.EPOCH, now, "true",
                lifecycleEvent(SubscriptionEventType.EXPIRED, SubscriptionStatus.EXPIRED));
        given += giveAll("GRACE_ENDED", List.of("GRACE_ENDED"), Instant.EPOCH, now.minus(config.renewal().grace()), "true",
                lifecycleEvent(SubscriptionEventType.GRACE_ENDED, SubscriptionStatus.EXPIRED));
        return given;
    }

    /** What a notice does to a subscription it is due for, under the subscription's lock. */
    private interface Notice {
        void give(Subscription subscription, Instant now);
    }

    private Notice lifecycleEvent(SubscriptionEventType type, SubscriptionStatus status) {
        return (subscription, now) -> {
            if (subscription.status != SubscriptionStatus.SUSPENDED) {
                subscription.status = status;
            }
            CustomerOrder period = currentPeriod(subscription);
            checkout.publish(type, subscription, period, Checkout.allowanceGrantedBy(period), now);
        };
    }

    /** An auto-renewal of the period ending, unless one is already waiting for its payment. */
    private void placeAutoRenewal(Subscription subscription, Instant now) {
        boolean waiting = CustomerOrder.count("subscriptionId = ?1 and channel = ?2 and status = ?3", subscription.id,
                Renewals.AUTO_RENEWAL_CHANNEL, OrderStatus.AWAITING_PAYMENT) > 0;
        if (!waiting) {
            renewals.placeAutoRenewal(subscription, false, now);
        }
    }

    static String reminder(Duration offset) {
        return "EXPIRING_SOON_" + offset;
    }

    /**
     * Gives {@code notice} to every subscription ending in (after, upTo] that matches {@code condition}
     * (SQL on subscription {@code s}, a constant of this class), a batch per transaction.
     */
    private int giveAll(String notice, List<String> recorded, Instant after, Instant upTo, String condition, Notice action) {
        int given = 0;
        while (true) {
            int[] batch = QuarkusTransaction.requiringNew().call(() -> giveBatch(notice, recorded, after, upTo, condition, action));
            given += batch[1];
            if (batch[0] < config.lifecycle().batchSize()) {
                return given;
            }
        }
    }

    /** Returns {candidates seen, notices given}. */
    private int[] giveBatch(String notice, List<String> recorded, Instant after, Instant upTo, String condition,
                            Notice action) {
        @SuppressWarnings("unchecked")
        List<Object> ids = entityManager.createNativeQuery("""
                select s.id from subscription s
                where s.valid_until > ?1 and s.valid_until <= ?2 and s.status <> 'PENDING' and %s
                  and not exists (select 1 from lifecycle_notice n where n.subscription_id = s.id
                                  and n.period_end = s.valid_until and n.notice = ?3)
                order by s.valid_until limit ?4""".formatted(condition))
                .setParameter(1, Timestamp.from(after)).setParameter(2, Timestamp.from(upTo))
                .setParameter(3, notice).setParameter(4, config.lifecycle().batchSize()).getResultList();
        int given = 0;
        Instant now = clock.instant();
        for (Object id : ids) {
            // locked before it is read, so a renewal or another scanner in between is seen, not overwritten
            Subscription subscription = Subscription.findById(toUuid(id), LockModeType.PESSIMISTIC_WRITE);
            boolean stillDue = subscription.validUntil.isAfter(after) && !subscription.validUntil.isAfter(upTo);
            if (stillDue && claim(subscription, notice, now)) {
                recorded.stream().filter(n -> !n.equals(notice)).forEach(n -> claim(subscription, n, now));
                action.give(subscription, now);
                given++;
            }
            // written now and forgotten: otherwise every query of the batch dirty-checks every subscription
            // and order loaded before it (measured: 157 notices/s over 20,000 subscriptions before this)
            entityManager.flush();
            entityManager.clear();
        }
        return new int[] {ids.size(), given};
    }

    /** Records the notice for the subscription's current period; false when it was already given. */
    private boolean claim(Subscription subscription, String notice, Instant now) {
        return entityManager.createNativeQuery("""
                insert into lifecycle_notice (subscription_id, period_end, notice, emitted_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, subscription.id).setParameter(2, Timestamp.from(subscription.validUntil))
                .setParameter(3, notice).setParameter(4, Timestamp.from(now)).executeUpdate() == 1;
    }

    /** The sale or renewal whose period ends with the subscription (the latest if several). */
    private static CustomerOrder currentPeriod(Subscription subscription) {
        List<CustomerOrder> candidates = new ArrayList<>(CustomerOrder.<CustomerOrder>list(
                "subscriptionId = ?1 and periodEnd = ?2 and planCode is not null", subscription.id, subscription.validUntil));
        candidates.sort(Comparator.comparing((CustomerOrder o) -> o.createdAt).reversed());
        return candidates.isEmpty() ? CustomerOrder.<CustomerOrder>find(
                "subscriptionId = ?1 order by createdAt desc", subscription.id).firstResult() : candidates.get(0);
    }

    private static UUID toUuid(Object id) {
        return id instanceof UUID uuid ? uuid : UUID.fromString(id.toString());
    }
}
