package nc.esim.billing.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.billing.BillingConfig;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * Acts on usage-service's alerts when a subscription runs out of data: a 100 % data alert marks that
 * allowance used up (once, however often the alert is replayed); when no live data allowance of the
 * subscription has data left, an auto-renewal starting at payment is placed if auto-renewal is on,
 * otherwise the subscription is suspended per {@code billing.data-exhaustion.policy}. Each alert is
 * handled in its own transaction under the subscription's lock; offsets are committed after it, and a
 * replayed alert finds its allowance already marked and changes nothing.
 */
@ApplicationScoped
public class DataExhaustion implements ConsumerLoop.BatchHandler {
    private static final Logger LOG = Logger.getLogger(DataExhaustion.class);

    private final EntityManager entityManager;
    private final Renewals renewals;
    private final RejectedRecords rejected;
    private final BillingConfig config;
    private final Clock clock;
    private final SubscriptionEvents events;

    public DataExhaustion(EntityManager entityManager, Renewals renewals, RejectedRecords rejected,
                          BillingConfig config, Clock clock, SubscriptionEvents events) {
        this.clock = clock;
        this.events = events;
        this.entityManager = entityManager;
        this.renewals = renewals;
        this.rejected = rejected;
        this.config = config;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<UsageAlertV1> batch = IncomingEvents.decode(records, UsageAlertV1.class,
                a -> a.schemaVersion() == UsageAlertV1.SCHEMA_VERSION && a.iccid() != null && a.allowanceId() != null
                        && a.quota() != null,
                "schemaVersion 1 with iccid, allowanceId and quota");
        for (IncomingEvents.Decoded<UsageAlertV1> decoded : batch.events()) {
            UsageAlertV1 alert = decoded.event();
            // the quota alert of each allowance, which it marks used up; the line-wide DATA_EXHAUSTED that
            // follows it says what billing then finds for itself from its own orders
            if (alert.kindOrDefault() == UsageAlertV1.Kind.QUOTA_LEVEL && alert.quota() == UsageType.DATA
                    && alert.levelPercent() >= 100) {
                QuarkusTransaction.requiringNew().run(() -> onDataUsedUp(alert));
            }
        }
        rejected.publish(batch.rejections());
    }

    void onDataUsedUp(UsageAlertV1 alert) {
        Subscription subscription = Subscription.<Subscription>find("iccid", alert.iccid())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (subscription == null) {
            LOG.debugf("data alert for allowance %s of an ICCID billing does not know: ignored", alert.allowanceId());
            return;
        }
        Instant now = clock.instant();
        if (!markUsedUp(subscription, alert.allowanceId(), now) || !outOfData(subscription, now)) {
            return;
        }
        if (subscription.autoRenew) {
            boolean alreadyPlaced = CustomerOrder.count("subscriptionId = ?1 and channel = ?2 and status = ?3",
                    subscription.id, Renewals.AUTO_RENEWAL_CHANNEL, OrderStatus.AWAITING_PAYMENT) > 0;
            if (!alreadyPlaced) {
                renewals.placeAutoRenewal(subscription, true, now);
            }
        } else {
            suspend(subscription, now);
        }
    }

    /** Suspends a subscription that is out of data, per policy; once, and never one that has data again. */
    public void suspend(Subscription subscription, Instant now) {
        if (config.dataExhaustion().policy() == BillingConfig.DataExhaustion.Policy.SUSPEND && subscription.status != SubscriptionStatus.SUSPENDED
                && outOfData(subscription, now)) {
            subscription.suspend();
            events.publish(SubscriptionEventType.SUSPENDED, subscription, null, null, now);
        }
    }

    private boolean markUsedUp(Subscription subscription, String allowanceId, Instant now) {
        return entityManager.createNativeQuery("""
                insert into exhausted_allowance (allowance_id, subscription_id, exhausted_at) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, allowanceId).setParameter(2, subscription.id).setParameter(3, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    /** True when every data allowance live now (a granted order's period) has been used up. */
    private boolean outOfData(Subscription subscription, Instant now) {
        List<?> withDataLeft = entityManager.createNativeQuery("""
                select o.order_number from customer_order o
                where o.subscription_id = ?1 and o.status = 'CONFIRMED' and o.data_bytes > 0
                  and o.period_start <= ?2 and o.period_end > ?2
                  and not exists (select 1 from exhausted_allowance e where e.allowance_id = o.order_number)
                limit 1""").setParameter(1, subscription.id).setParameter(2, Timestamp.from(now)).getResultList();
        return withDataLeft.isEmpty();
    }
}
