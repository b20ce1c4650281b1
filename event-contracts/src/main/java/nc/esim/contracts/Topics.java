package nc.esim.contracts;

import java.util.List;
import java.util.Map;

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
    public static final String CUSTOMER_BINDING = "esim.customer-binding.v1";
    public static final String CUSTOMER_BINDING_REJECTED = "esim.customer-binding.rejected.v1";
    public static final String BINDING_CODE = "esim.binding-code.v1";
    public static final String BINDING_CODE_REJECTED = "esim.binding-code.rejected.v1";
    public static final String USAGE_BALANCE = "esim.usage.balance.v1";
    public static final String USAGE_BALANCE_REJECTED = "esim.usage.balance.rejected.v1";

    public static final List<String> ALL = List.of(CDR, CDR_REJECTED, USAGE_RECORDED, USAGE_ALERTS, USAGE_ALERTS_REJECTED, USAGE_DAILY,
            USAGE_DAILY_REJECTED, SUBSCRIPTION,
            SUBSCRIPTION_REJECTED, NOTIFICATION, CUSTOMER_BINDING, CUSTOMER_BINDING_REJECTED, BINDING_CODE,
            BINDING_CODE_REJECTED, USAGE_BALANCE, USAGE_BALANCE_REJECTED);

    /**
     * Topics whose values are secrets (one-time codes): only their consumer reads them. The operators'
     * console sees their lag in records (offsets need no read), not the age of the oldest record.
     */
    public static final List<String> SECRET = List.of(BINDING_CODE);

    /**
     * Topic settings that are part of a topic's meaning: the one-time codes live an hour (they expire in
     * ten minutes), the bindings and balances keep the latest per ICCID (compacted, keyed by ICCID).
     */
    public static final Map<String, Map<String, String>> CONFIGS = Map.of(
            BINDING_CODE, Map.of("retention.ms", "3600000"),
            CUSTOMER_BINDING, Map.of("cleanup.policy", "compact"),
            USAGE_BALANCE, Map.of("cleanup.policy", "compact"));

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
