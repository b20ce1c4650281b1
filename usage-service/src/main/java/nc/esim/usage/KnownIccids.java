package nc.esim.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.support.problems.Problems;

/**
 * Which ICCIDs usage-service knows: one it has heard of a subscription, an allowance or a counted CDR
 * for. The summary, the daily breakdown and the records answer the same 404 for any other, rather than
 * zeros for an eSIM nobody sold.
 */
@ApplicationScoped
public class KnownIccids {
    private final DataSource dataSource;

    public KnownIccids(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isKnown(Connection connection, String iccid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select exists (select 1 from subscriber where iccid = ?)
                    or exists (select 1 from allowance where iccid = ?)
                    or exists (select 1 from usage_total where iccid = ?)""")) {
            select.setString(1, iccid);
            select.setString(2, iccid);
            select.setString(3, iccid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** The 404 problem every usage API answers for an ICCID it does not know. */
    public static RuntimeException unknown() {
        return Problems.of(404, "unknown-iccid", "Unknown ICCID", "No subscription and no usage are known for this ICCID");
    }

    /** Throws {@link #unknown()} unless the ICCID is known. */
    public void require(String iccid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!isKnown(connection, iccid)) {
                throw unknown();
            }
        }
    }
}
