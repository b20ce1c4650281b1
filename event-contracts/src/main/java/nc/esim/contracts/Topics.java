package nc.esim.contracts;

import java.util.List;

/** Kafka topic names of the platform; every event is keyed by the ICCID it concerns. */
public final class Topics {
    public static final String CDR = "esim.cdr.v1";
    public static final String CDR_REJECTED = "esim.cdr.rejected.v1";
    public static final String USAGE_RECORDED = "esim.usage.recorded.v1";
    public static final String USAGE_ALERTS = "esim.usage.alerts.v1";
    public static final String SUBSCRIPTION = "esim.subscription.v1";
    public static final String NOTIFICATION = "esim.notification.v1";

    public static final List<String> ALL =
            List.of(CDR, CDR_REJECTED, USAGE_RECORDED, USAGE_ALERTS, SUBSCRIPTION, NOTIFICATION);

    private Topics() {
    }
}
