package nc.esim.contracts;

import java.util.List;

/** Kafka topic names of the platform; every event is keyed by the ICCID it concerns. */
public final class Topics {
    public static final String CDR = "esim.cdr.v1";
    public static final String CDR_REJECTED = "esim.cdr.rejected.v1";
    public static final String USAGE_RECORDED = "esim.usage.recorded.v1";
    public static final String USAGE_ALERTS = "esim.usage.alerts.v1";
    public static final String USAGE_ALERTS_REJECTED = "esim.usage.alerts.rejected.v1";
    public static final String USAGE_DAILY = "esim.usage.daily.v1";
    public static final String USAGE_DAILY_REJECTED = "esim.usage.daily.rejected.v1";
    public static final String SUBSCRIPTION = "esim.subscription.v1";
    public static final String SUBSCRIPTION_REJECTED = "esim.subscription.rejected.v1";
    public static final String NOTIFICATION = "esim.notification.v1";

    public static final List<String> ALL = List.of(CDR, CDR_REJECTED, USAGE_RECORDED, USAGE_ALERTS, USAGE_ALERTS_REJECTED, USAGE_DAILY,
            USAGE_DAILY_REJECTED, SUBSCRIPTION,
            SUBSCRIPTION_REJECTED, NOTIFICATION);

    /** Where a consumer puts the records of {@code topic} it cannot accept: {@code esim.x.v1} → {@code esim.x.rejected.v1}. */
    public static String rejectedOf(String topic) {
        int version = topic.lastIndexOf(".v");
        if (version < 0) {
            throw new IllegalArgumentException("not a versioned topic: " + topic);
        }
        return topic.substring(0, version) + ".rejected" + topic.substring(version);
    }

    private Topics() {
    }
}
