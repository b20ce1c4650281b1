package nc.esim.contracts.subscription;

/** The lifecycle facts billing-service publishes on {@code esim.subscription.v1}. */
public enum SubscriptionEventType {
    ACTIVATED, RENEWED, TOPPED_UP, EXTENDED, EXPIRING_SOON, EXPIRED, GRACE_ENDED, SUSPENDED, AUTO_RENEW_FAILED,
    /** An order waiting for its payment confirmation was not confirmed in time; nothing was granted. */
    PAYMENT_EXPIRED;

    /** The CloudEvents type of this fact, e.g. {@code nc.esim.subscription.activated.v1}. */
    public String cloudEventType() {
        return "nc.esim.subscription." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".v1";
    }
}
