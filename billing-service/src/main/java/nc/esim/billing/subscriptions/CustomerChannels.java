package nc.esim.billing.subscriptions;

import nc.esim.support.problems.Problems;
import nc.esim.support.security.Caller;

/** A customer's orders are recorded with the channel its token names (APP or WEB), never another. */
public final class CustomerChannels {
    private CustomerChannels() {
    }

    /** Refuses (422 channel-mismatch) a customer's order whose body names another channel than its token. */
    public static void check(Caller caller, SalesChannel requested) {
        if (!caller.isCustomer()) {
            return;
        }
        String channel = caller.requireCustomerChannel();
        if (requested != null && !requested.name().equals(channel)) {
            throw Problems.of(422, "channel-mismatch", "Channel mismatch",
                    "A customer signed in on " + channel + " orders with channel " + channel);
        }
    }
}
