package nc.esim.contracts.customer;

import java.time.Instant;

/**
 * A one-time code to send by SMS to prove that the customer holds the line, topic
 * {@code esim.binding-code.v1}, key = ICCID, written by billing-service and read by notification-service
 * alone. It carries the code in clear (the SMS must), so the topic keeps records one hour and no other
 * principal may read it; billing keeps only a keyed hash of the code.
 *
 * @param challenge  billing's id of the binding challenge (the CloudEvents id too: one SMS per challenge)
 * @param iccid      the eSIM whose line receives the code
 * @param msisdn     where to send it (personal data)
 * @param language   the customer's language for messages: fr, en or zh
 * @param code       six digits
 * @param expiresAt  when the code stops being accepted, UTC
 */
public record BindingCodeV1(int schemaVersion, String challenge, String iccid, String msisdn, String language,
                            String code, Instant expiresAt, Instant occurredAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.customer.binding-code.v1";

    /** What a consumer can send: schema 1 with a line, six digits and an expiry. */
    public boolean complete() {
        return schemaVersion == SCHEMA_VERSION && challenge != null && iccid != null && msisdn != null
                && code != null && code.matches("\\d{6}") && expiresAt != null;
    }
}
