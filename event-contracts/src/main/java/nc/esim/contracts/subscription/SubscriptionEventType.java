package nc.esim.contracts.subscription;

/** The lifecycle facts billing-service publishes on {@code esim.subscription.v1}. */
public enum SubscriptionEventType {
    ACTIVATED, RENEWED, TOPPED_UP, EXTENDED, EXPIRING_SOON, EXPIRED, GRACE_ENDED, SUSPENDED, AUTO_RENEW_FAILED,
    /** An order waiting for its payment confirmation was not confirmed in time; nothing was granted. */
    PAYMENT_EXPIRED,
    /** The customer gave or withdrew consent to the support desk seeing counter-party numbers; no message. */
    CONSENT_CHANGED;

    /** Whether the customer is told about this fact (a consent change is the customer's own act). */
    public boolean notifiesCustomer() {
        return this != CONSENT_CHANGED;
    }

    /** The CloudEvents type of this fact, e.g. {@code nc.esim.subscription.activated.v1}. */
    public String cloudEventType() {
        return "nc.esim.subscription." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".v1";
    }
}
