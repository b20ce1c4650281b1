package nc.esim.usage.summary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
import nc.esim.usage.UsageConfig;

/** Builds the usage summary from the allowance replica and the running totals (no scan of records). */
@ApplicationScoped
public class UsageSummaryQuery {
    private final DataSource dataSource;
    private final AllowanceRepository allowances;
    private final SubscriberRepository subscribers;
    private final Clock clock;

    private static final UsageSummary.Usage NONE = new UsageSummary.Usage(0, 0, 0, 0);
    private final UsageConfig config;

    public UsageSummaryQuery(DataSource dataSource, AllowanceRepository allowances, SubscriberRepository subscribers,
                             Clock clock, UsageConfig config) {
        this.config = config;
        this.dataSource = dataSource;
        this.allowances = allowances;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** The summary of the eSIM that has this MSISDN now; empty when no subscription has it. */
    public Optional<UsageSummary> ofMsisdn(String msisdn) throws SQLException {
        Optional<SubscriberRepository.Subscriber> subscriber;
        try (Connection connection = dataSource.getConnection()) {
            subscriber = subscribers.byMsisdn(connection, msisdn);
        }
        return subscriber.isEmpty() ? Optional.empty() : of(subscriber.get().iccid());
    }

    /** The forecast from the day rows of the window ({@link DataForecasts}). */
    private UsageSummary.DataForecast forecast(Connection connection, String iccid, List<Allowance> granted,
                                               Map<String, UsageSummary.Usage> totals, Instant now) throws SQLException {
        int windowDays = (int) Math.max(1, config.forecast().basis().toDays());
        LocalDate firstDay = LocalDate.ofInstant(now, Zones.NOUMEA).minusDays(windowDays - 1L);
        List<DataForecasts.DayUsage> days = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select day, allowance_id, data_bytes, first_usage_at from usage_daily
                where iccid = ? and day >= ?""")) {
            select.setString(1, iccid);
            select.setObject(2, firstDay);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.add(new DataForecasts.DayUsage(rows.getObject(1, LocalDate.class), rows.getString(2),
                            rows.getLong(3), rows.getTimestamp(4).toInstant()));
                }
            }
        }
        List<Allowance> live = granted.stream().filter(a -> a.covers(now) && a.dataBytes() > 0).toList();
        Map<String, Long> usedByLive = new HashMap<>();
        live.forEach(a -> usedByLive.put(a.allowanceId(), totals.getOrDefault(a.allowanceId(), NONE).dataBytes()));
        return DataForecasts.forecast(now, windowDays, config.forecast().minimumBasis(), live, usedByLive, days);
    }

    /** Empty when usage-service does not know the ICCID ({@link nc.esim.usage.KnownIccids}). */
    public Optional<UsageSummary> of(String iccid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<SubscriberRepository.Subscriber> subscriber = subscribers.byIccid(connection, iccid);
            List<Allowance> granted = allowances.byIccid(connection, iccid);
            Map<String, UsageSummary.Usage> totals = totals(connection, iccid);
            if (subscriber.isEmpty() && granted.isEmpty() && totals.isEmpty()) {
                return Optional.empty(); // KnownIccids' rule, from what the summary reads anyway
            }
            Instant now = clock.instant();
            UsageSummary.Usage none = new UsageSummary.Usage(0, 0, 0, 0);
            List<UsageSummary.AllowanceUsage> perAllowance = new ArrayList<>();
            for (Allowance allowance : granted) {
                UsageSummary.Usage used = totals.getOrDefault(allowance.allowanceId(), none);
                perAllowance.add(new UsageSummary.AllowanceUsage(allowance.allowanceId(), allowance.validFrom(),
                        allowance.validUntil(), Zones.lastValidMinute(allowance.validUntil()),
                        allowance.covers(now),
                        UsageSummary.Quota.of(allowance.dataBytes(), used.dataBytes()),
                        UsageSummary.Quota.of(allowance.voiceSeconds(), used.voiceSeconds()),
                        UsageSummary.Quota.of(allowance.smsCount(), used.smsCount())));
            }
            UsageSummary.Usage all = totals.values().stream().reduce(none, (a, b) -> new UsageSummary.Usage(
                    a.dataBytes() + b.dataBytes(), a.voiceSeconds() + b.voiceSeconds(),
                    a.smsCount() + b.smsCount(), a.records() + b.records()));
            return Optional.of(new UsageSummary(iccid, subscriber.map(SubscriberRepository.Subscriber::msisdn).orElse(null),
                    perAllowance, totals.getOrDefault(OUT_OF_BUNDLE, none), all,
                    forecast(connection, iccid, granted, totals, now)));
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
