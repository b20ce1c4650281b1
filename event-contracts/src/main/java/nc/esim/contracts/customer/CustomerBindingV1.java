package nc.esim.contracts.customer;

import java.time.Instant;

/**
 * An eSIM bound to, or unbound from, a customer account, topic {@code esim.customer-binding.v1},
 * key = ICCID, written by billing-service (which owns the bindings). usage-service and
 * notification-service keep the latest per ICCID to let a customer token see its own eSIMs, and no other.
 * Not an analytics topic: the account is the identity provider's subject of a person.
 *
 * @param type      BOUND or UNBOUND
 * @param account   the customer account: the subject of the customer's tokens
 * @param iccid     the eSIM
 * @param revision  grows with every change of this ICCID's binding: a consumer ignores an event older than
 *                  the one it holds
 * @param occurredAt when it happened, UTC
 */
public record CustomerBindingV1(int schemaVersion, Type type, String account, String iccid, long revision,
                                Instant occurredAt) {
    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        BOUND, UNBOUND;

        /** The CloudEvents type of this kind of change. */
        public String cloudEventType() {
            return "nc.esim.customer.binding." + name().toLowerCase(java.util.Locale.ROOT) + ".v1";
        }
    }

    /** What a consumer can apply: schema 1 with a type, an account and an ICCID. */
    public boolean complete() {
        return schemaVersion == SCHEMA_VERSION && type != null && account != null && !account.isBlank()
                && iccid != null && !iccid.isBlank();
    }
}
