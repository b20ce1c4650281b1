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

    /**
     * Appends the events in one statement, each unless one with its CloudEvents id is already there, in
     * the list's order (the relay publishes by {@code id}). One statement over arrays rather than a JDBC
     * batch, whose rows each ran as a statement of their own: it took the expiry scan's outbox writes from
     * 5.0 to 2.9 s (bench/README.md, 2026-12-07).
     */
    public static void appendAll(Connection connection, String topic, List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int size = events.size();
        String[] ids = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] sources = new String[size];
        Timestamp[] times = new Timestamp[size];
        byte[][] payloads = new byte[size][];
        for (int i = 0; i < size; i++) {
            Event event = events.get(i);
            ids[i] = event.metadata().id();
            keys[i] = event.metadata().subject();
            types[i] = event.metadata().type();
            sources[i] = event.metadata().source();
            times[i] = Timestamp.from(event.metadata().time());
            payloads[i] = EventJson.write(event.payload());
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload)
                select e.event_id, ?, e.event_key, e.event_type, e.source, e.occurred_at, e.payload
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bytea[])
                     with ordinality as e (event_id, event_key, event_type, source, occurred_at, payload, position)
                order by e.position
                on conflict (event_id) do nothing""")) {
            insert.setString(1, topic);
            insert.setArray(2, connection.createArrayOf("text", ids));
            insert.setArray(3, connection.createArrayOf("text", keys));
            insert.setArray(4, connection.createArrayOf("text", types));
            insert.setArray(5, connection.createArrayOf("text", sources));
            insert.setArray(6, connection.createArrayOf("timestamptz", times));
            insert.setObject(7, payloads);
            insert.executeUpdate();
        }
    }
}
