package nc.esim.billing.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.Zones;
import nc.esim.support.time.NoumeaDay;

/**
 * The operators' figures, read with plain SQL aggregates: they scan orders and subscriptions by time,
 * which the ORM would only load row by row.
 */
@ApplicationScoped
public class OperatorReports {
    private final DataSource dataSource;
    private final Clock clock;

    public OperatorReports(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Orders confirmed (paid) on {@code day} in Nouméa, and the orders awaiting payment now. */
    public SalesReport sales(NoumeaDay day) throws SQLException {
        Instant start = day.start();
        Instant end = day.end();
        List<SalesReport.Line> lines = new ArrayList<>();
        long orders = 0;
        long revenue = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("""
                    select kind, channel, payment_method, count(*), coalesce(sum(amount_minor), 0)
                    from customer_order
                    where status = 'CONFIRMED' and currency = 'XPF' and confirmed_at >= ? and confirmed_at < ?
                    group by kind, channel, payment_method order by kind, channel, payment_method""")) {
                select.setTimestamp(1, Timestamp.from(start));
                select.setTimestamp(2, Timestamp.from(end));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        SalesReport.Line line = new SalesReport.Line(rows.getString(1), rows.getString(2),
                                rows.getString(3), rows.getLong(4), rows.getLong(5));
                        lines.add(line);
                        orders += line.orders();
                        revenue += line.revenueMinor();
                    }
                }
            }
            try (PreparedStatement awaiting = connection.prepareStatement("""
                    select count(*), coalesce(sum(amount_minor), 0) from customer_order
                    where status = 'AWAITING_PAYMENT' and currency = 'XPF'""");
                 ResultSet row = awaiting.executeQuery()) {
                row.next();
                return new SalesReport(day.date(), Zones.NOUMEA.getId(), "XPF", orders, revenue, lines, row.getLong(1),
                        row.getLong(2));
            }
        }
    }

    /** Live (active or expiring-soon) subscriptions whose period ends within {@code within} from now, the first {@code limit} of them. */
    public ExpiringSubscriptions expiring(Duration within, int limit) throws SQLException {
        Instant from = clock.instant();
        Instant until = from.plus(within);
        try (Connection connection = dataSource.getConnection()) {
            long count;
            try (PreparedStatement counting = connection.prepareStatement("""
                    select count(*) from subscription
                    where status in ('ACTIVE', 'EXPIRING_SOON') and valid_until >= ? and valid_until < ?""")) {
                counting.setTimestamp(1, Timestamp.from(from));
                counting.setTimestamp(2, Timestamp.from(until));
                try (ResultSet row = counting.executeQuery()) {
                    row.next();
                    count = row.getLong(1);
                }
            }
            List<ExpiringSubscriptions.Expiring> page = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select iccid, plan_code, status, valid_until, auto_renew from subscription
                    where status in ('ACTIVE', 'EXPIRING_SOON') and valid_until >= ? and valid_until < ?
                    order by valid_until, iccid limit ?""")) {
                select.setTimestamp(1, Timestamp.from(from));
                select.setTimestamp(2, Timestamp.from(until));
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(new ExpiringSubscriptions.Expiring(rows.getString(1), rows.getString(2),
                                rows.getString(3), rows.getTimestamp(4).toInstant(), rows.getBoolean(5)));
                    }
                }
            }
            return new ExpiringSubscriptions(from, until, count, page);
        }
    }
}
