package nc.esim.notification.sms;

import java.time.Duration;
import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SMS over SMPP 3.4: the SMS centre, the pace it allows, the caps that protect the bill, quiet hours. */
@ConfigMapping(prefix = "notification.sms")
public interface SmsConfig {
    Smsc smsc();

    /** The sender shown on the handset (alphanumeric). */
    @WithDefault("eSIM NC")
    String sender();

    /** How often due SMS are looked for (a scheduler interval such as 1s). */
    @WithDefault("1s")
    String dispatchInterval();

    @WithDefault("50")
    int batchSize();

    /** submit_sm outstanding at once on the link (the window). */
    @WithDefault("10")
    int window();

    /** submit_sm a second at most, the SMS centre's contracted rate. */
    @WithDefault("20")
    int throughputPerSecond();

    /** SMS parts submitted in any hour at most: every part costs money; beyond it messages wait. */
    @WithDefault("1000")
    int hourlyCap();

    /** Non-urgent SMS are not sent between start and end, Pacific/Noumea time; they wait for the end. */
    QuietHours quietHours();

    @WithDefault("12")
    int maxAttempts();

    /**
     * How long a SENT SMS waits for its delivery receipts before it is EXPIRED: the SMS centre's validity
     * period, after which it gives up delivering too.
     */
    @WithDefault("PT48H")
    Duration receiptValidity();

    /** How often SMS overdue for their receipts are looked for (a scheduler interval such as 60s). */
    @WithDefault("60s")
    String receiptExpiryInterval();

    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();

    interface Smsc {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("2775")
        int port();

        @WithDefault("esim")
        String systemId();

        @WithDefault("esim")
        String password();

        /** How long a submit may wait for its response. */
        @WithDefault("PT10S")
        Duration responseTimeout();

        /** How often the link is checked and, when down, bound again. */
        @WithDefault("5s")
        String reconnectInterval();
    }

    interface QuietHours {
        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }
}
