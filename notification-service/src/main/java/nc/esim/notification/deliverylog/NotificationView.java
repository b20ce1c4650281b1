package nc.esim.notification.deliverylog;

import java.time.Duration;
import java.time.Instant;

import nc.esim.notification.queue.Channel;
import nc.esim.notification.queue.DeliveryStatus;
import nc.esim.support.privacy.PersonalData;

/**
 * A delivery log entry as the API shows it, the destination masked.
 *
 * @param attempts        how many times it was tried
 * @param dueAt           when a waiting message (QUEUED or RETRYING) goes next: later than now when quiet hours,
 *                        a cap or a retry's wait defer it; null otherwise
 * @param sentAt          when the SMTP server or the SMS centre took it
 * @param causeOccurredAt when the event that called for it happened
 * @param secondsToSend   from that event to the send
 * @param settled         whether its status is final (an EXPIRED SMS may still get a late receipt)
 */
public record NotificationView(String id, String iccid, String channel, String destination, String template,
                               String language, String status, String causeType, Instant createdAt, int attempts,
                               Instant dueAt, Instant sentAt, Instant causeOccurredAt, Double secondsToSend,
                               boolean settled) {

    static NotificationView of(Notification n) {
        DeliveryStatus status = DeliveryStatus.valueOf(n.status);
        boolean waiting = status == DeliveryStatus.QUEUED || status == DeliveryStatus.RETRYING;
        Double secondsToSend = n.sentAt == null || n.causeOccurredAt == null ? null
                : Duration.between(n.causeOccurredAt, n.sentAt).toMillis() / 1000.0;
        return new NotificationView(n.id.toString(), n.iccid, n.channel, PersonalData.destination(n.destination),
                n.template, n.language, n.status, n.causeType, n.createdAt, n.attempts, waiting ? n.nextAttemptAt : null,
                n.sentAt, n.causeOccurredAt, secondsToSend, settled(status, n.channel));
    }

    private static boolean settled(DeliveryStatus status, String channel) {
        return switch (status) {
            case DELIVERED, FAILED, EXPIRED, SUPPRESSED -> true;
            case SENT -> Channel.EMAIL.name().equals(channel); // an email has no receipt to wait for
            case QUEUED, RETRYING, SENDING -> false;
        };
    }
}
