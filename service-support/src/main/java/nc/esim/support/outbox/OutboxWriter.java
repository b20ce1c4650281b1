package nc.esim.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;

/** Appends events to {@code outbox_event} on the caller's connection, inside the caller's transaction. */
public final class OutboxWriter {
    private OutboxWriter() {
    }

    /** Appends the event unless one with the same CloudEvents id is already there; returns true if appended. */
    public static boolean append(Connection connection, String topic, EventMetadata metadata, Object payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")) {
            insert.setString(1, metadata.id());
            insert.setString(2, topic);
            insert.setString(3, metadata.subject());
            insert.setString(4, metadata.type());
            insert.setString(5, metadata.source());
            insert.setTimestamp(6, Timestamp.from(metadata.time()));
            insert.setBytes(7, EventJson.write(payload));
            return insert.executeUpdate() == 1;
        }
    }

    /** An event to append: its CloudEvents metadata and its payload. */
    public record Event(EventMetadata metadata, Object payload) {
    }

    /** Appends the events in one JDBC batch, each unless one with its CloudEvents id is already there. */
    public static void appendAll(Connection connection, String topic, List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")) {
            for (Event event : events) {
                insert.setString(1, event.metadata().id());
                insert.setString(2, topic);
                insert.setString(3, event.metadata().subject());
                insert.setString(4, event.metadata().type());
                insert.setString(5, event.metadata().source());
                insert.setTimestamp(6, Timestamp.from(event.metadata().time()));
                insert.setBytes(7, EventJson.write(event.payload()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
