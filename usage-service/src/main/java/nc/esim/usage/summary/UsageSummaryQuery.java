package nc.esim.usage.summary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.usage.allowances.Allowance;
import nc.esim.usage.allowances.AllowanceRepository;
import nc.esim.usage.allowances.SubscriberRepository;
import nc.esim.contracts.Zones;

/** Builds the usage summary from the allowance replica and the running totals (no scan of records). */
@ApplicationScoped
public class UsageSummaryQuery {
    private final DataSource dataSource;
    private final AllowanceRepository allowances;
    private final SubscriberRepository subscribers;
    private final Clock clock;

    public UsageSummaryQuery(DataSource dataSource, AllowanceRepository allowances, SubscriberRepository subscribers,
                             Clock clock) {
        this.dataSource = dataSource;
        this.allowances = allowances;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** Empty when usage-service has heard of neither a subscription nor a CDR for this ICCID. */
    public Optional<UsageSummary> of(String iccid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<SubscriberRepository.Subscriber> subscriber = subscribers.byIccid(connection, iccid);
            List<Allowance> granted = allowances.byIccid(connection, iccid);
            Map<String, UsageSummary.Usage> totals = totals(connection, iccid);
            if (subscriber.isEmpty() && granted.isEmpty() && totals.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            UsageSummary.Usage none = new UsageSummary.Usage(0, 0, 0, 0);
            List<UsageSummary.AllowanceUsage> perAllowance = new ArrayList<>();
            for (Allowance allowance : granted) {
                UsageSummary.Usage used = totals.getOrDefault(allowance.allowanceId(), none);
                perAllowance.add(new UsageSummary.AllowanceUsage(allowance.allowanceId(), allowance.validFrom(),
                        allowance.validUntil(), LocalDateTime.ofInstant(allowance.validUntil(), Zones.NOUMEA),
                        allowance.covers(now),
                        UsageSummary.Quota.of(allowance.dataBytes(), used.dataBytes()),
                        UsageSummary.Quota.of(allowance.voiceSeconds(), used.voiceSeconds()),
                        UsageSummary.Quota.of(allowance.smsCount(), used.smsCount())));
            }
            UsageSummary.Usage all = totals.values().stream().reduce(none, (a, b) -> new UsageSummary.Usage(
                    a.dataBytes() + b.dataBytes(), a.voiceSeconds() + b.voiceSeconds(),
                    a.smsCount() + b.smsCount(), a.records() + b.records()));
            return Optional.of(new UsageSummary(iccid, subscriber.map(SubscriberRepository.Subscriber::msisdn).orElse(null),
                    perAllowance, totals.getOrDefault(OUT_OF_BUNDLE, none), all));
        }
    }

    private static final String OUT_OF_BUNDLE = "";

    /** Totals by allowance id; out-of-bundle usage under the empty id. */
    private static Map<String, UsageSummary.Usage> totals(Connection connection, String iccid) throws SQLException {
        Map<String, UsageSummary.Usage> totals = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select coalesce(allowance_id, ''), data_bytes, voice_seconds, sms_count, records
                from usage_total where iccid = ?""")) {
            select.setString(1, iccid);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.put(rows.getString(1), new UsageSummary.Usage(rows.getLong(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return totals;
    }
}
