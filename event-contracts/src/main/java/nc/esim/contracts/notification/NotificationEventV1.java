package nc.esim.contracts.notification;

import java.time.Instant;

/**
 * What happened to one customer message, topic {@code esim.notification.v1}, key = ICCID. Carries
 * neither the address nor the text: analytics gets delivery facts, not personal data.
 *
 * @param status     SENT, DELIVERED, FAILED, EXPIRED (no SMS receipt within the validity; a late one may follow)
 *                   or SUPPRESSED
 * @param channel    EMAIL or SMS
 * @param template   e.g. {@code subscription-activated}
 * @param causeEventId the CloudEvents id of the event that caused the message
 */
public record NotificationEventV1(
        int schemaVersion,
        String notificationId,
        String iccid,
        String channel,
        String template,
        String language,
        String status,
        String causeEventId,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
