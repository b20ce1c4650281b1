package nc.esim.support.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The append-only table {@code audit_entry} of each service (its own Flyway migration creates it with a
 * trigger that refuses UPDATE and DELETE, so not even a bug in this service can rewrite history).
 */
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends an entry in its own connection (autocommit): the call it records has finished already. */
    public void append(AuditEntry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into audit_entry (at, caller, roles, shop_id, method, path, status, remote_address,
                                              idempotency_key)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setTimestamp(1, Timestamp.from(entry.at()));
            insert.setString(2, entry.caller());
            insert.setArray(3, connection.createArrayOf("text", entry.roles().toArray()));
            insert.setString(4, entry.shopId());
            insert.setString(5, entry.method());
            insert.setString(6, entry.path());
            insert.setInt(7, entry.status());
            insert.setString(8, entry.remoteAddress());
            insert.setString(9, entry.idempotencyKey());
            insert.executeUpdate();
        } catch (SQLException e) {
            // the call itself is done; losing its entry is logged loudly rather than failing the answer
            LOG.errorf(e, "Could not write the audit entry of %s %s (status %d)", entry.method(), entry.path(), entry.status());
        }
    }

    /** Entries newest first, optionally of one caller, in [from, until), before the id {@code before}. */
    public AuditEntry.Page find(Optional<String> caller, Instant from, Instant until, Optional<Long> before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("""
                select id, at, caller, roles, shop_id, method, path, status, remote_address, idempotency_key
                from audit_entry where at >= ? and at < ?""");
        caller.ifPresent(c -> sql.append(" and caller = ?"));
        before.ifPresent(b -> sql.append(" and id < ?"));
        sql.append(" order by id desc limit ?");
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int p = 1;
            select.setTimestamp(p++, Timestamp.from(from));
            select.setTimestamp(p++, Timestamp.from(until));
            if (caller.isPresent()) {
                select.setString(p++, caller.get());
            }
            if (before.isPresent()) {
                select.setLong(p++, before.get());
            }
            select.setInt(p, limit + 1);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Array roles = row.getArray(4);
                    entries.add(new AuditEntry(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3),
                            Arrays.asList((String[]) roles.getArray()), row.getString(5), row.getString(6),
                            row.getString(7), row.getInt(8), row.getString(9), row.getString(10)));
                }
            }
        }
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            return new AuditEntry.Page(entries, entries.get(limit - 1).id());
        }
        return new AuditEntry.Page(entries, null);
    }
}
