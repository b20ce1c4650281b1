package nc.esim.notification.deliverylog;

import java.time.Instant;

import nc.esim.support.privacy.PersonalData;

/** A delivery log entry as the API shows it, the destination masked. */
public record NotificationView(String id, String iccid, String channel, String destination, String template,
                               String language, String status, String causeType, Instant createdAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id.toString(), n.iccid, n.channel, PersonalData.destination(n.destination),
                n.template, n.language, n.status, n.causeType, n.createdAt);
    }
}
