package nc.esim.notification.deliverylog;

/** The one place where destinations are masked before they leave the service (API and logs). */
public final class Masking {
    private Masking() {
    }

    /** {@code +687771234} → {@code +687****34}; {@code marie@example.nc} → {@code m***@example.nc}. */
    public static String destination(String destination) {
        if (destination == null || destination.isEmpty()) {
            return destination;
        }
        int at = destination.indexOf('@');
        if (at > 0) {
            return destination.charAt(0) + "***" + destination.substring(at);
        }
        int keep = Math.min(2, destination.length());
        int prefix = destination.startsWith("+687") ? 4 : 0;
        return destination.substring(0, prefix) + "*".repeat(Math.max(0, destination.length() - prefix - keep))
                + destination.substring(destination.length() - keep);
    }
}
