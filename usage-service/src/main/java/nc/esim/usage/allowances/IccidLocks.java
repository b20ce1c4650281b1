package nc.esim.usage.allowances;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.utils.Utils;

/**
 * Serialises everything that rates the usage of one ICCID: the CDR consumers (two of them during a
 * consumer-group rebalance) and the re-rating that follows an allowance event. Rating reads balances
 * and then draws on them, so two writers of one ICCID at once could both spend the same remaining
 * quota. Locks are PostgreSQL transaction-scoped advisory locks on stripes, and a stripe is the CDR
 * topic partition Kafka's default partitioner gives the ICCID: a CDR consumer then only takes the
 * stripes of its own partitions and never waits for the other consumers. The mapping is only about
 * speed; if a producer partitioned differently, the locks would still exclude each other correctly.
 */
@ApplicationScoped
public class IccidLocks {
    private static final int LOCK_CLASS = 0x0E51_0003;
    private volatile int stripes = 1;

    /** Called once the number of partitions of {@code esim.cdr.v1} is known. */
    public void useStripes(int partitions) {
        this.stripes = Math.max(1, partitions);
    }

    public int stripeOf(String iccid) {
        return Utils.toPositive(Utils.murmur2(iccid.getBytes(StandardCharsets.UTF_8))) % stripes;
    }

    /**
     * Takes the locks of these ICCIDs until the transaction ends, in ascending order so that two
     * transactions never wait for each other in a circle. A batch of one consumer touches the few
     * stripes of its own partitions, so this is a handful of statements.
     */
    public void lock(Connection connection, Collection<String> iccids) throws SQLException {
        int[] wanted = iccids.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            for (int stripe : wanted) {
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, stripe);
                try (ResultSet done = lock.executeQuery()) {
                    done.next();
                }
            }
        }
    }
}
