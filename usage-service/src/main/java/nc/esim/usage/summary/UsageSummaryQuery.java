package nc.esim.usage.summary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

    /**
     * "At the last 3 days' rate, data runs out on …": the data used over the basis window (from the
     * records, one index range) extrapolated over what the live allowances still hold.
     */
    private UsageSummary.DataForecast forecast(Connection connection, String iccid, List<Allowance> granted,
                                               Map<String, UsageSummary.Usage> totals, Instant now) throws SQLException {
        Duration basis = config.forecast().basis();
        long usedRecently;
        try (PreparedStatement select = connection.prepareStatement("""
                select coalesce(sum(quantity), 0) from usage_record
                where iccid = ? and usage_type = 'DATA' and start_time >= ? and start_time < ?""")) {
            select.setString(1, iccid);
            select.setTimestamp(2, Timestamp.from(now.minus(basis)));
            select.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                usedRecently = row.getLong(1);
            }
        }
        long remaining = 0;
        Instant lastExpiry = null;
        for (Allowance allowance : granted) {
            if (allowance.covers(now) && allowance.dataBytes() > 0) {
                long used = totals.getOrDefault(allowance.allowanceId(), NONE).dataBytes();
                remaining += Math.max(0, allowance.dataBytes() - used);
                lastExpiry = lastExpiry == null || allowance.validUntil().isAfter(lastExpiry) ? allowance.validUntil() : lastExpiry;
            }
        }
        int days = (int) Math.max(1, basis.toDays());
        long perDay = usedRecently / days;
        if (usedRecently == 0 || remaining == 0) {
            String message = remaining == 0 ? "No data is left in a live allowance."
                    : "No data was used in the last " + days + " days: at this rate, nothing runs out.";
            return new UsageSummary.DataForecast(days, perDay, remaining, null, null, false, message);
        }
        // remaining / (usedRecently / basis), in whole seconds, without a floating-point rate
        long seconds = BigInteger.valueOf(remaining).multiply(BigInteger.valueOf(basis.toSeconds()))
                .divide(BigInteger.valueOf(usedRecently)).min(BigInteger.valueOf(Duration.ofDays(36_500).toSeconds()))
                .longValue();
        Instant runsOut = now.plusSeconds(seconds);
        LocalDateTime local = LocalDateTime.ofInstant(runsOut, Zones.NOUMEA);
        boolean beforeExpiry = runsOut.isBefore(lastExpiry);
        String rate = "At the last " + days + " days' rate (" + perDay + " bytes a day), ";
        String message = beforeExpiry
                ? rate + "data runs out on " + local.toLocalDate() + " around " + local.toLocalTime().withSecond(0).withNano(0)
                  + " Nouméa time, before the allowance expires."
                : rate + "the allowance expires on " + LocalDateTime.ofInstant(lastExpiry, Zones.NOUMEA).toLocalDate()
                  + " before the data runs out.";
        return new UsageSummary.DataForecast(days, perDay, remaining, runsOut, local, beforeExpiry, message);
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
