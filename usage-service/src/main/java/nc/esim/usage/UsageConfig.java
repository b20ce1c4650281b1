package nc.esim.usage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** usage-service settings (prefix {@code usage}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    Ingest ingest();

    interface Ingest {
        /**
         * Consumer loops (threads) of the CDR consumer group in this instance. Kafka gives each its own
         * partitions; as all CDRs of an ICCID share a partition, two loops never update the same totals.
         */
        @WithDefault("2")
        int consumers();

        /** Most CDRs handed to one database transaction. */
        @WithDefault("2000")
        int maxBatch();

        /** A CDR stamped further ahead of our clock than this is refused (a node with a wrong clock). */
        @WithDefault("PT1H")
        Duration maxClockSkew();

        /** A CDR older than this is refused: it belongs to a closed period. */
        @WithDefault("P60D")
        Duration maxAge();

        /** Longest plausible single partial record (data session part or call part). */
        @WithDefault("PT24H")
        Duration maxRecordDuration();

        /** Largest plausible volume of a single partial data record, in bytes (1 TiB). */
        @WithDefault("1099511627776")
        long maxRecordBytes();
    }
}
