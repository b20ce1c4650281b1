package nc.esim.billing.orders;

/** Where an order stands with its payment. */
public enum OrderStatus {
    /** Paid; what it bought is granted. */
    CONFIRMED,
    /** Waiting for the payment provider's signed confirmation; nothing granted yet. */
    AWAITING_PAYMENT,
    /** Not confirmed in time; nothing was granted. */
    PAYMENT_EXPIRED,
    /** Paid, but what it bought could no longer be granted when the payment arrived: the money is owed back. */
    REFUND_DUE
}
