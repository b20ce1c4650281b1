package nc.esim.support.customers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.support.security.BoundEsims;

/**
 * A service's copy of which customer account holds each eSIM, kept from {@code esim.customer-binding.v1}
 * in its table {@code customer_binding (iccid primary key, account, revision, changed_at)}. A change
 * replaces the stored one only when its revision is higher, so replays and duplicates change nothing and
 * an old event cannot undo a newer one; an unbound eSIM keeps its row with no account. An event it cannot
 * apply goes to {@code esim.customer-binding.rejected.v1} with its reason. A service extends it with its
 * answer for an eSIM that is not the customer's ({@link BoundEsims#notYours}).
 */
public abstract class BindingReplica implements ConsumerLoop.BatchHandler, BoundEsims {
    private final DataSource dataSource;
    private final RejectedRecords rejected;
    private final String alsoOnChange;

    /**
     * @param alsoOnChange more {@code column = value} assignments made when a binding changes (a service's
     *                     own columns to reset), or an empty string
     */
    protected BindingReplica(DataSource dataSource, RejectedRecords rejected, String alsoOnChange) {
        this.dataSource = dataSource;
        this.rejected = rejected;
        this.alsoOnChange = alsoOnChange.isBlank() ? "" : ", " + alsoOnChange;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<CustomerBindingV1> batch = IncomingEvents.decode(records, CustomerBindingV1.class,
                CustomerBindingV1::complete, "schemaVersion 1 with a type, an account and an ICCID");
        if (!batch.events().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    for (IncomingEvents.Decoded<CustomerBindingV1> decoded : batch.events()) {
                        apply(connection, decoded.event());
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not store customer bindings", e);
                }
            });
        }
        rejected.publish(batch.rejections());
    }

    private void apply(Connection connection, CustomerBindingV1 event) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into customer_binding (iccid, account, revision, changed_at) values (?, ?, ?, ?)
                on conflict (iccid) do update set account = excluded.account, revision = excluded.revision,
                    changed_at = excluded.changed_at""" + alsoOnChange + """

                where customer_binding.revision < excluded.revision""")) {
            upsert.setString(1, event.iccid());
            upsert.setString(2, event.type() == CustomerBindingV1.Type.BOUND ? event.account() : null);
            upsert.setLong(3, event.revision());
            upsert.setTimestamp(4, Timestamp.from(event.occurredAt() == null ? Instant.EPOCH : event.occurredAt()));
            upsert.executeUpdate();
        }
    }

    /** Whether {@code iccid} is bound to {@code account} in this copy. */
    @Override
    public boolean isBound(String account, String iccid) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select 1 from customer_binding where iccid = ? and account = ?")) {
            select.setString(1, iccid);
            select.setString(2, account);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a customer binding", e);
        }
    }
}
