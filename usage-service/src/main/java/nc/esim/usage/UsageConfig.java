package nc.esim.usage;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** usage-service settings (prefix {@code usage}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    Ingest ingest();

    Records records();

    Alerts alerts();

    Forecast forecast();

    Daily daily();

    Balance balance();

    interface Balance {
        /** How often the balances of customers' eSIMs whose usage or allowances changed go out on esim.usage.balance.v1. */
        @WithDefault("PT10S")
        Duration publishInterval();

        /**
         * How far back a change still makes a balance be read again: an ingest transaction that began before
         * the last reading but committed after it stamps its change earlier than that reading. Readings equal
         * to the last one sent are not sent again.
         */
        @WithDefault("PT30S")
        Duration lookBack();

        /** Most eSIMs one pass reads. */
        @WithDefault("500")
        int publishBatch();
    }


    interface Ingest {
        /**
         * Consumer loops (threads) of the CDR consumer group in this instance. Kafka gives each its own
         * partitions; as all CDRs of an ICCID share a partition, two loops rarely wait for each other.
         * More loops than cores pays: a loop spends much of a batch waiting for PostgreSQL, and another
         * parses and rates meanwhile (bench/cdr-ingest, 2 cores, 4 partitions, warm: 4 loops 8–12 %
         * faster than 2 in runs one after the other). Loops beyond the topic's partitions get nothing to do.
         */
        @WithDefault("4")
        int consumers();

        /**
         * Identities of the last CDRs counted from each partition kept in memory, so that a resend that
         * follows its first copy closely is dropped without a database lookup ({@code RecentlyCounted}).
         */
        @WithDefault("20000")
        int recentIdentitiesPerPartition();

        /**
         * Largest CDR value accepted, in bytes as read, after Kafka has decompressed its batch: a CDR is
         * about 300 bytes of JSON, and the broker's own limit applies only to compressed batches, so a
         * 2 MB record gzip-compressed by its producer would otherwise be parsed and counted.
         */
        @WithDefault("16384")
        int maxCdrSizeBytes();

        /** Most CDRs handed to one database transaction. */
        @WithDefault("5000")
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

    interface Records {
        /**
         * How long itemised records are kept (whole monthly partitions are dropped once all their
         * records are older). Totals are kept regardless. Must exceed {@code usage.ingest.max-age}.
         */
        @WithDefault("P400D")
        Duration retention();

        /** Largest page of the records API. */
        @WithDefault("500")
        int maxPageSize();
    }

    interface Alerts {
        /** Percentages of a quota at which an alert is raised, once each per allowance and quota. */
        @WithDefault("80,100")
        List<Integer> levels();
    }

    interface Daily {
        /** How often closed days not yet on esim.usage.daily.v1 (or changed since) are sent. */
        @WithDefault("PT10S")
        Duration publishInterval();

        /**
         * How long a closed day's row must have stayed unchanged before it is sent (again): late CDRs of a
         * day come in bursts (a node catching up after midnight), and each pass that took the rows of a day
         * still changing would lock them under the ingest and send a revision the next batch outdates.
         */
        @WithDefault("PT5M")
        Duration quietPeriod();

        /** Most usage_daily rows one pass of the publisher takes (in one transaction). */
        @WithDefault("2000")
        int publishBatch();
    }

    interface Forecast {
        /**
         * The longest window whose rate the depletion forecast extrapolates, in whole Pacific/Noumea
         * days with today (P3D: the last 3 local days, today included). A younger allowance or a later
         * first use shortens it.
         */
        @WithDefault("P3D")
        Duration basis();

        /** Below this much covered usage time, the forecast says it is too early instead of a number. */
        @WithDefault("PT1H")
        Duration minimumBasis();
    }

}
