package nc.esim.billing.orders;

/** What an order buys. */
public enum OrderKind {
    /** A plan sold to an eSIM: the subscription's first period. */
    SALE,
    /** One more period of a plan, stacked on the current validity (or starting now, within grace). */
    RENEWAL,
    /** A data pack: an allowance of its own until the subscription's end. */
    TOP_UP,
    /** More days for the subscription and every allowance ending with it; grants no allowance of its own. */
    EXTENSION;

    /** Whether the order buys a period of a plan (a sale or a renewal). */
    public boolean buysAPeriod() {
        return this == SALE || this == RENEWAL;
    }
}
