package nc.esim.billing.lifecycle;

import java.time.Duration;

import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.contracts.subscription.SubscriptionEventType;

/**
 * One notice of a subscription's period, given once per subscription, period end and notice: its
 * {@link #key()} is what {@code lifecycle_notice.notice} holds.
 *
 * @param before for a reminder, how long before the end it goes out; zero for the others
 */
public record LifecycleNotice(Kind kind, Duration before) {

    /** What the scan does for a notice, and the event and status it gives (none for an auto-renewal). */
    public enum Kind {
        /** An auto-renewal placed ahead of the end, so that its payment can be confirmed in time. */
        AUTO_RENEWAL(null, null),
        EXPIRING_SOON(SubscriptionEventType.EXPIRING_SOON, SubscriptionStatus.EXPIRING_SOON),
        EXPIRED(SubscriptionEventType.EXPIRED, SubscriptionStatus.EXPIRED),
        GRACE_ENDED(SubscriptionEventType.GRACE_ENDED, SubscriptionStatus.EXPIRED);

        final SubscriptionEventType event;
        final SubscriptionStatus status;

        Kind(SubscriptionEventType event, SubscriptionStatus status) {
            this.event = event;
            this.status = status;
        }
    }

    public static final LifecycleNotice AUTO_RENEWAL = new LifecycleNotice(Kind.AUTO_RENEWAL, Duration.ZERO);
    public static final LifecycleNotice EXPIRED = new LifecycleNotice(Kind.EXPIRED, Duration.ZERO);
    public static final LifecycleNotice GRACE_ENDED = new LifecycleNotice(Kind.GRACE_ENDED, Duration.ZERO);

    public static LifecycleNotice reminder(Duration before) {
        return new LifecycleNotice(Kind.EXPIRING_SOON, before);
    }

    /** As stored: the kind, and a reminder's offset ({@code EXPIRING_SOON_PT72H}). */
    public String key() {
        return kind == Kind.EXPIRING_SOON ? kind.name() + "_" + before : kind.name();
    }
}
