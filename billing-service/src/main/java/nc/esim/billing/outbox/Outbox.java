package nc.esim.billing.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.contracts.EventMetadata;
import nc.esim.support.outbox.OutboxWriter;

/**
 * Records an event in the caller's transaction with service-support's {@link OutboxWriter}, on the
 * connection that transaction is enlisted with; service-support's {@code ScheduledOutboxRelay}
 * publishes it once that commits.
 */
@ApplicationScoped
public class Outbox {
    private final DataSource dataSource;

    public Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventMetadata metadata, Object payload) {
        // within a JTA transaction the pool hands back the connection enlisted with it: one commit for all
        try (Connection connection = dataSource.getConnection()) {
            OutboxWriter.append(connection, topic, metadata, payload);
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox refused event " + metadata.id(), e);
        }
    }

    /** Records the events in one batch, in their order, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, List<OutboxWriter.Event> events) {
        try (Connection connection = dataSource.getConnection()) {
            OutboxWriter.appendAll(connection, topic, events);
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox refused a batch of " + events.size() + " events", e);
        }
    }
}
