package nc.esim.console;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** operator-console settings (application.properties, prefix {@code console}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** How often the figures are gathered and pushed to every open page. */
    @WithDefault("1s")
    Duration refreshInterval();

    /** How far back the ingest chart reaches. */
    @WithDefault("PT15M")
    Duration ingestHistory();

    /** The window of the "expiring soon" panel. */
    @WithDefault("72")
    int expiringHours();

    /** How many expiring subscriptions the panel lists. */
    @WithDefault("20")
    int expiringListed();

    /** How many of the latest rejected records the dead-letter panel keeps. */
    @WithDefault("20")
    int latestRejected();

    Sources sources();

    /** The services whose read APIs, health and metrics the figures come from. */
    interface Sources {
        URI billing();

        URI usage();

        URI notification();

        /** The console's bearer token (role operator) for the services' read APIs. */
        Optional<String> token();

        /** How long one source may take to answer before it counts as down for this refresh. */
        @WithDefault("1500ms")
        Duration timeout();
    }
}
