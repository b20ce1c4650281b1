package nc.esim.notification.queue;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a dispatcher's claim on the messages it sends lasts. */
@ConfigMapping(prefix = "notification.dispatch")
public interface DispatchConfig {
    /**
     * A claim's lease. A dispatcher starts no new send after half of it and spends at most a quarter more
     * writing the outcomes, so that a live claim never runs out; a crashed dispatcher's claims are due again
     * when it has. It must outlast a send's timeout (SMTP, SMPP) several times over.
     */
    @WithDefault("PT2M")
    Duration lease();

    /** No new send starts after this much of the lease. */
    default Duration sendingTime() {
        return lease().dividedBy(2);
    }

    /** The longest the outcomes may take to be written (a database restarting). */
    default Duration settlePatience() {
        return lease().dividedBy(4);
    }
}
