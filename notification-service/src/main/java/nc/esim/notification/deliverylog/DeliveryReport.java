package nc.esim.notification.deliverylog;

import java.time.LocalDate;
import java.util.List;

/**
 * The messages of one Nouméa day by channel and status, what waits in the queue now, and whether the
 * SMPP link to the SMS centre is bound.
 */
public record DeliveryReport(LocalDate day, String timeZone, List<ChannelCounts> channels, long queueDepth,
                             boolean smppLinkUp) {

    /**
     * One channel's messages of the day: {@code sending} are claimed by a dispatcher now; {@code expired} are
     * SMS whose delivery receipt never came; {@code deferred} are those waiting for a later attempt (quiet
     * hours, a cap, or a retry), counted also under their status (QUEUED or RETRYING).
     */
    public record ChannelCounts(String channel, long queued, long retrying, long sending, long sent, long delivered,
                                long failed, long expired, long suppressed, long deferred) {
    }
}
