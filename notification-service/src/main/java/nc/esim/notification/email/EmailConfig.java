package nc.esim.notification.email;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Email sending: the link messages point to, the pace and the retry policy. The SMTP server, the sender and
 * STARTTLS are the Quarkus Mailer's ({@code quarkus.mailer.*}).
 */
@ConfigMapping(prefix = "notification.email")
public interface EmailConfig {
    /** The one link a message carries: the operator's own customer area. */
    @WithDefault("https://www.esim.nc/mon-compte")
    String accountUrl();

    /** How often due emails are looked for (a scheduler interval such as 1s). */
    @WithDefault("1s")
    String dispatchInterval();

    /** How many due emails one dispatch run sends. */
    @WithDefault("50")
    int batchSize();

    /**
     * How many emails are in flight at once, each on its own SMTP connection (the mailer's pool is as large):
     * one send waits a round trip or more for the server's answer, so one at a time leaves the server and
     * this service idle.
     */
    @WithDefault("5")
    int window();

    /** Attempts before a message that keeps failing transiently is FAILED. */
    @WithDefault("12")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles with each attempt up to retryMax. */
    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();
}
