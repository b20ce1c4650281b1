package nc.esim.notification.queue;

/** How a message reaches the customer. */
public enum Channel {
    EMAIL, SMS
}
