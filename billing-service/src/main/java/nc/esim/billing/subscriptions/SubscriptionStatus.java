package nc.esim.billing.subscriptions;

/** Lifecycle of a subscription (the brief: pending → active → expiring soon → expired, suspended). */
public enum SubscriptionStatus {
    PENDING, ACTIVE, EXPIRING_SOON, EXPIRED, SUSPENDED
}
