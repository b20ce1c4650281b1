package nc.esim.notification.queue;

/**
 * Where a message stands. QUEUED and RETRYING wait to be sent; SENDING is claimed by a dispatcher (until its
 * lease ends); SENT was accepted by the SMTP server or the SMS centre; DELIVERED, FAILED, EXPIRED (an SMS whose
 * receipt never came within the SMS centre's validity) and SUPPRESSED (never sent) are final, except that a
 * late delivery receipt still turns an EXPIRED SMS into DELIVERED or FAILED.
 */
public enum DeliveryStatus {
    QUEUED, RETRYING, SENDING, SENT, DELIVERED, FAILED, EXPIRED, SUPPRESSED
}
