package nc.esim.notification.email;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Email sending: the SMTP server, the sender, the link messages point to, and the retry policy. */
@ConfigMapping(prefix = "notification.email")
public interface EmailConfig {
    Smtp smtp();

    /** The From address. */
    @WithDefault("eSIM Nouvelle-Calédonie <no-reply@esim.nc>")
    String from();

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
     * How many emails are in flight at once, each on its own SMTP connection: one send waits a round trip
     * or more for the server's answer, so one at a time leaves the server and this service idle.
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

    interface Smtp {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("25")
        int port();

        Optional<String> username();

        Optional<String> password();

        /** DISABLED, OPTIONAL or REQUIRED. */
        @WithDefault("OPTIONAL")
        String startTls();

        /** How long one send may take before it counts as a transient failure. */
        @WithDefault("PT20S")
        Duration timeout();
    }
}
