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

    /** The last identities counted from one partition and its lookup mode. */
    private static final class Window {
        private final Map<RecordKey, Boolean> keys;
        private boolean lookUp;

        Window(int capacity) {
            this.keys = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RecordKey, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }
    }

    private Window window(TopicPartition partition) {
        return windows.computeIfAbsent(partition, p -> new Window(perPartition));
    }

    /** True when this identity, read from this partition, was counted and committed recently. */
    public boolean isCounted(TopicPartition partition, RecordKey key) {
        Window window = window(partition);
        synchronized (window) { // a partition has one consumer loop, except for a moment during a rebalance
            return window.keys.containsKey(key);
        }
    }

    /** Whether the CDRs of this partition are to be looked up before they are stored. */
    public boolean mustLookUp(TopicPartition partition) {
        Window window = window(partition);
        synchronized (window) {
            return window.lookUp;
        }
    }

    /**
     * After a commit: these identities of this partition are stored, and its next CDRs are looked up
     * only if this batch's were and the lookup found some already stored.
     */
    public void committed(TopicPartition partition, Collection<RecordKey> stored, boolean lookUpNext) {
        Window window = window(partition);
        synchronized (window) {
            stored.forEach(key -> window.keys.put(key, Boolean.TRUE));
            window.lookUp = lookUpNext;
        }
    }

    /** The unique index refused a CDR of this partition that nothing here knew: look its CDRs up for now. */
    public void lookUpFromNowOn(TopicPartition partition) {
        Window window = window(partition);
        synchronized (window) {
            window.lookUp = true;
        }
    }
}
