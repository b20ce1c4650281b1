package nc.esim.notification.deliverylog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.contracts.Zones;
import nc.esim.notification.sms.SmppLink;
import nc.esim.support.time.NoumeaDay;

/** Counts the delivery log by day, channel and status with one aggregate per question. */
@ApplicationScoped
public class DeliveryReports {
    private static final List<String> CHANNELS = List.of("EMAIL", "SMS");

    private final DataSource dataSource;
    private final Clock clock;
    private final SmppLink smpp;

    public DeliveryReports(DataSource dataSource, Clock clock, SmppLink smpp) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.smpp = smpp;
    }

    public DeliveryReport report(NoumeaDay day) throws SQLException {
        Instant start = day.start();
        Instant end = day.end();
        Instant now = clock.instant();
        List<DeliveryReport.ChannelCounts> channels = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("""
                    select count(*) filter (where status = 'QUEUED'),
                           count(*) filter (where status = 'RETRYING'),
                           count(*) filter (where status = 'SENDING'),
                           count(*) filter (where status = 'SENT'),
                           count(*) filter (where status = 'DELIVERED'),
                           count(*) filter (where status = 'FAILED'),
                           count(*) filter (where status = 'EXPIRED'),
                           count(*) filter (where status = 'SUPPRESSED'),
                           count(*) filter (where status in ('QUEUED', 'RETRYING') and next_attempt_at > ?)
                    from notification where channel = ? and created_at >= ? and created_at < ?""")) {
                for (String channel : CHANNELS) {
                    select.setTimestamp(1, Timestamp.from(now));
                    select.setString(2, channel);
                    select.setTimestamp(3, Timestamp.from(start));
                    select.setTimestamp(4, Timestamp.from(end));
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        channels.add(new DeliveryReport.ChannelCounts(channel, row.getLong(1), row.getLong(2),
                                row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7),
                                row.getLong(8), row.getLong(9)));
                    }
                }
            }
            return new DeliveryReport(day.date(), Zones.NOUMEA.getId(), channels, queueDepth(connection), smpp.bound());
        }
    }

    /** Messages waiting to be sent or being sent, whatever their day. */
    public long queueDepth() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return queueDepth(connection);
        }
    }

    private static long queueDepth(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from notification where status in ('QUEUED', 'RETRYING', 'SENDING')");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
