package nc.esim.usage.records;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import nc.esim.usage.UsageConfig;

/**
 * The identities of the CDRs last counted from each partition, in memory, and whether a partition's
 * CDRs must be looked up in the database before they are stored.
 *
 * <p>Why. Looking every CDR up in {@code usage_record} before storing it costs a descent of the unique
 * index per record, and storing it costs another. Carriers resend a record shortly after the first copy
 * (a retried transfer): such a resend is found here and dropped without asking the database. Every
 * other CDR is stored without a lookup, and the unique index refuses one that was stored after all (an
 * old resend, a replay of the topic): the batch is then counted again with every record looked up, and
 * its partition stays in that mode for as long as its lookups keep finding stored records.
 *
 * <p>Only identities whose transaction has committed are added, so an identity found here is stored for
 * certain and dropping its CDR is exact. A restarted service starts empty, which only costs lookups.
 */
@ApplicationScoped
public class RecentlyCounted {
    private final int perPartition;
    private final Map<TopicPartition, Window> windows = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public RecentlyCounted(UsageConfig config) {
        this(config.ingest().recentIdentitiesPerPartition());
    }

    RecentlyCounted(int perPartition) {
        this.perPartition = perPartition;
    }

    /**
     * The last identities counted from one partition and its lookup mode. A partition has one consumer
     * loop, except for a moment during a rebalance: hence the (uncontended) locks.
     */
    public static final class Window {
        private final Map<RecordKey, Boolean> keys;
        private boolean lookUp;

        private Window(int capacity) {
            this.keys = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RecordKey, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** True when this identity was counted and committed recently. */
        public synchronized boolean isCounted(RecordKey key) {
            return keys.containsKey(key);
        }

        /** Whether this partition's CDRs are to be looked up before they are stored. */
        public synchronized boolean mustLookUp() {
            return lookUp;
        }

        /**
         * After a commit: these identities are stored, and the next CDRs are looked up only if this
         * batch's were and the lookup found some already stored.
         */
        public synchronized void committed(Collection<RecordKey> stored, boolean lookUpNext) {
            stored.forEach(key -> keys.put(key, Boolean.TRUE));
            lookUp = lookUpNext;
        }

        /** The unique index refused a CDR that nothing here knew: look this partition's CDRs up for now. */
        public synchronized void lookUpFromNowOn() {
            lookUp = true;
        }
    }

    /** The window of one partition (the caller keeps it for the records of that partition in a batch). */
    public Window of(TopicPartition partition) {
        return windows.computeIfAbsent(partition, p -> new Window(perPartition));
    }
}
