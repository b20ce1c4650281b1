package nc.esim.usage.customers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageBalanceV1;
import nc.esim.support.outbox.OutboxWriter;
import nc.esim.usage.UsageConfig;
import nc.esim.usage.allowances.AllowanceBalance;
import nc.esim.usage.allowances.AllowanceRepository;

/**
 * Tells billing-service what each eSIM bound to a customer account has left ({@code esim.usage.balance.v1},
 * through the outbox), for the app's home screen: when the binding arrives, after its usage or its
 * allowances changed, and once an allowance has ended. Only bound eSIMs, so the CDR path pays nothing for it: a pass finds the bound eSIMs
 * whose {@code usage_daily} or {@code allowance} rows changed since their last reading (both stamped by
 * the database's clock, minus {@code usage.balance.look-back} for transactions that committed after that
 * reading), or one of whose allowances ended since (by the service's clock, which may run ahead of the
 * database's on the local platform: then such eSIMs are read again each pass, and sent nothing new), reads their live allowances, and sends a reading only when it differs from the last one sent.
 * Rows are taken {@code for update skip locked}, so two instances share the work.
 */
@ApplicationScoped
public class BalancePublisher {
    private static final String SOURCE = "/usage-service";
    private final DataSource dataSource;
    private final AllowanceRepository allowances;
    private final UsageConfig config;
    private final Clock clock;

    public BalancePublisher(DataSource dataSource, AllowanceRepository allowances, UsageConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.allowances = allowances;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${usage.balance.publish-interval:PT10S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishChanged() {
        Instant passStart = QuarkusTransaction.requiringNew().call(this::databaseNow);
        int read;
        do {
            read = publishBatch(passStart);
        } while (read == config.balance().publishBatch());
    }

    /** One batch of the pass that began at {@code passStart} (the database's clock); returns how many eSIMs it read. */
    public int publishBatch(Instant passStart) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return publish(connection, passStart);
            }
        });
    }

    private Instant databaseNow() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select now()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }

    private int publish(Connection connection, Instant passStart) throws SQLException {
        Map<String, String> due = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select b.iccid, b.balance_sent from customer_binding b
                where b.account is not null
                  and (b.balance_checked_at is null or b.balance_checked_at < ?)
                  and (b.balance_checked_at is null
                       or exists (select 1 from usage_daily d where d.iccid = b.iccid
                                  and d.changed_at > b.balance_checked_at - ?::interval)
                       or exists (select 1 from allowance a where a.iccid = b.iccid
                                  and (a.changed_at > b.balance_checked_at - ?::interval
                                       or a.valid_until between b.balance_checked_at - ?::interval and ?)))
                order by b.iccid limit ? for update of b skip locked""")) {
            String lookBack = config.balance().lookBack().toMillis() + " milliseconds";
            select.setTimestamp(1, Timestamp.from(passStart));
            select.setString(2, lookBack);
            select.setString(3, lookBack);
            select.setString(4, lookBack);
            // an allowance that ended since the last reading changes what is left without any event
            select.setTimestamp(5, Timestamp.from(clock.instant()));
            select.setInt(6, config.balance().publishBatch());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, List<AllowanceBalance>> balances = allowances.balancesOf(connection, due.keySet());
        try (PreparedStatement mark = connection.prepareStatement(
                "update customer_binding set balance_checked_at = now(), balance_sent = ? where iccid = ?")) {
            for (Map.Entry<String, String> entry : due.entrySet()) {
                UsageBalanceV1 balance = balanceOf(entry.getKey(), balances.getOrDefault(entry.getKey(), List.of()), now);
                String figures = figures(balance);
                if (!figures.equals(entry.getValue())) {
                    OutboxWriter.append(connection, Topics.USAGE_BALANCE, new EventMetadata(balance.eventId(),
                            UsageBalanceV1.CLOUD_EVENT_TYPE, SOURCE, balance.iccid(), now), balance);
                }
                mark.setString(1, figures);
                mark.setString(2, entry.getKey());
                mark.addBatch();
            }
            mark.executeBatch();
        }
        return due.size();
    }

    /** What the allowances live at {@code now} have left together. */
    static UsageBalanceV1 balanceOf(String iccid, List<AllowanceBalance> balances, Instant now) {
        long data = 0;
        long dataLimit = 0;
        long voice = 0;
        long sms = 0;
        Instant validUntil = null;
        for (AllowanceBalance balance : balances) {
            if (!balance.allowance().covers(now)) {
                continue;
            }
            data += balance.remaining(UsageType.DATA);
            dataLimit += balance.allowance().dataBytes();
            voice += balance.remaining(UsageType.VOICE);
            sms += balance.remaining(UsageType.SMS);
            if (validUntil == null || balance.allowance().validUntil().isAfter(validUntil)) {
                validUntil = balance.allowance().validUntil();
            }
        }
        return new UsageBalanceV1(UsageBalanceV1.SCHEMA_VERSION, iccid, data, dataLimit, voice, sms, validUntil, now);
    }

    /** The figures of a reading without its time: a reading equal to the last one sent is not sent again. */
    static String figures(UsageBalanceV1 b) {
        return b.dataLeftBytes() + "/" + b.dataLimitBytes() + "/" + b.voiceLeftSeconds() + "/" + b.smsLeft() + "/" + b.validUntil();
    }
}
