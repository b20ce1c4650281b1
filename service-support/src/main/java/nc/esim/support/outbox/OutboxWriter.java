package nc.esim.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

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
}
