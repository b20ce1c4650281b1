package nc.esim.billing.advice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.catalog.AddOn;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.pricing.ExchangeRate;
import nc.esim.billing.pricing.PriceQuote;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.DataSizes;
import nc.esim.contracts.Zones;
import nc.esim.support.problems.Problems;

/** Puts a subscription's usage profile, its bill history and today's catalog through {@link PlanAdvisor}. */
@ApplicationScoped
public class PlanAdviceQuery {
    private final UsageProfiles profiles;
    private final Clock clock;

    public PlanAdviceQuery(UsageProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /** Today's rate of a currency, or none for XPF. */
    private record Rate(String currency, BigDecimal xpfPerUnit, int minorUnits) {
        PlanAdvice.Amount of(long xpf) {
            if (currency == null) {
                return new PlanAdvice.Amount(xpf, null, null);
            }
            long minor = BigDecimal.valueOf(xpf).movePointRight(minorUnits).divide(xpfPerUnit, 0, RoundingMode.HALF_UP)
                    .longValueExact();
            return new PlanAdvice.Amount(xpf, currency, minor);
        }
    }

    @Transactional
    public PlanAdvice advise(Subscription subscription, int days, String currency) throws SQLException {
        Rate rate = rate(currency);
        LocalDate today = LocalDate.now(clock.withZone(Zones.NOUMEA));
        LocalDate to = today.minusDays(1);
        LocalDate activated = LocalDate.ofInstant(subscription.activatedAt, Zones.NOUMEA);
        LocalDate from = to.minusDays(days - 1L).isBefore(activated) ? activated : to.minusDays(days - 1L);
        if (from.isAfter(to)) { // activated today: no closed day yet
            return new PlanAdvice(subscription.iccid, from, to, 0, new PlanAdvice.Usage(0, 0, 0, 0), rate.of(0), 0,
                    subscription.planCode, List.of(), null, rate.of(0),
                    "The line was activated today: advice needs at least one closed day of usage.");
        }
        int length = (int) ChronoUnit.DAYS.between(from, to) + 1;

        List<UsageProfiles.Day> used = profiles.between(subscription.iccid, from, to);
        Map<LocalDate, UsageProfiles.Day> byDay = used.stream().collect(Collectors.toMap(UsageProfiles.Day::day, d -> d));
        long data = used.stream().mapToLong(UsageProfiles.Day::dataBytes).sum();
        long voice = used.stream().mapToLong(UsageProfiles.Day::voiceSeconds).sum();
        long sms = used.stream().mapToLong(UsageProfiles.Day::smsCount).sum();
        int daysWithUsage = (int) used.stream().filter(d -> d.dataBytes() + d.voiceSeconds() + d.smsCount() > 0).count();

        List<CustomerOrder> orders = CustomerOrder.list(
                "subscriptionId = ?1 and status = ?2 and confirmedAt >= ?3 and confirmedAt < ?4", subscription.id,
                OrderStatus.CONFIRMED, from.atStartOfDay(Zones.NOUMEA).toInstant(),
                to.plusDays(1).atStartOfDay(Zones.NOUMEA).toInstant());
        long paid = orders.stream().mapToLong(o -> o.amountMinor - o.discountMinor).sum();

        List<PlanAdvisor.PlanOffer> plans = Plan.<Plan>list("retired = false and currency = ?1 order by code", PriceQuote.XPF)
                .stream().filter(p -> p.validityDays > 0).map(p -> new PlanAdvisor.PlanOffer(p.code, p.name, p.dataBytes,
                        p.voiceSeconds, p.smsCount, p.validityDays, p.priceMinor)).toList();
        List<AddOn> addOns = AddOn.list("retired = false and currency = ?1 order by code", PriceQuote.XPF);
        List<PlanAdvisor.PackOffer> packs = addOns.stream().filter(a -> a.kind == AddOn.Kind.DATA_PACK)
                .map(a -> new PlanAdvisor.PackOffer(a.code, a.name, a.dataBytes, a.priceMinor)).toList();
        List<PlanAdvisor.ExtensionOffer> extensions = addOns.stream().filter(a -> a.kind == AddOn.Kind.EXTENSION)
                .map(a -> new PlanAdvisor.ExtensionOffer(a.code, a.name, a.extraDays, a.priceMinor)).toList();

        List<PlanAdvice.Option> options = new ArrayList<>();
        for (PlanAdvisor.Option option : PlanAdvisor.options(from, to, byDay, plans, packs, extensions)) {
            options.add(view(option, rate));
        }
        String current = subscription.planCode;
        options.sort(Comparator.comparing((PlanAdvice.Option o) -> !o.covers())
                .thenComparingLong(o -> o.cost().xpf())
                .thenComparing(o -> !o.planCode().equals(current))
                .thenComparing(PlanAdvice.Option::planCode));
        PlanAdvice.Option cheapest = options.stream().filter(PlanAdvice.Option::covers).findFirst().orElse(null);
        long saving = cheapest == null ? 0 : paid - cheapest.cost().xpf();
        PlanAdvice.Usage usage = new PlanAdvice.Usage(data, voice, sms, daysWithUsage);
        return new PlanAdvice(subscription.iccid, from, to, length, usage, rate.of(paid), orders.size(), current, options,
                cheapest, rate.of(saving), explanation(from, to, length, usage, paid, current, cheapest, saving));
    }

    private static Rate rate(String currency) {
        if (currency == null || currency.isBlank() || PriceQuote.XPF.equals(currency)) {
            return new Rate(null, null, 0);
        }
        ExchangeRate rate = ExchangeRate.<ExchangeRate>findByIdOptional(currency).orElseThrow(() -> Problems.of(400,
                "invalid-currency", "Invalid currency",
                "No exchange rate is set for " + currency + "; the currencies are listed at /api/v1/exchange-rates"));
        return new Rate(rate.currency, rate.xpfPerUnit, rate.minorUnits);
    }

    private static PlanAdvice.Option view(PlanAdvisor.Option option, Rate rate) {
        List<PlanAdvice.PackCount> packs = option.dataPacks().entrySet().stream()
                .map(e -> new PlanAdvice.PackCount(e.getKey().code(), e.getKey().name(), e.getValue())).toList();
        PlanAdvisor.PlanOffer plan = option.plan();
        return new PlanAdvice.Option(plan.code(), plan.name(), option.covers(), option.reason(), option.purchases(),
                option.cycleDays(), option.extension() == null ? null : option.extension().code(),
                option.extensionsPerPurchase(), packs, rate.of(option.costXpf()), describe(option));
    }

    /** "Basic 7 days, bought 5 times, with 2 × Data 1 GB", "Max 30 days once, with 1 × 7-day extension each time". */
    static String describe(PlanAdvisor.Option option) {
        if (!option.covers()) {
            return option.plan().name() + " does not cover this usage: " + option.reason();
        }
        StringBuilder text = new StringBuilder(option.plan().name())
                .append(option.purchases() == 1 ? " once" : ", bought " + option.purchases() + " times");
        List<String> with = new ArrayList<>();
        if (option.extension() != null) {
            with.add(option.extensionsPerPurchase() + " × " + option.extension().name()
                    + (option.purchases() == 1 ? "" : " each time"));
        }
        option.dataPacks().forEach((pack, n) -> with.add(n + " × " + pack.name()));
        if (!with.isEmpty()) {
            text.append(", with ").append(String.join(" and ", with));
        }
        return text.toString();
    }

    static String xpf(long amount) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(amount) + " XPF";
    }

    static String explanation(LocalDate from, LocalDate to, int days, PlanAdvice.Usage usage, long paid, String current,
                              PlanAdvice.Option cheapest, long saving) {
        String over = "Over the " + days + (days == 1 ? " day" : " days") + " from " + from + " to " + to
                + " this line used " + DataSizes.forPeople(usage.dataBytes()) + " of data, "
                + (usage.voiceSeconds() + 59) / 60 + " minutes of calls and " + usage.smsCount() + " SMS, and "
                + xpf(paid) + " was paid";
        if (cheapest == null) {
            return over + "; no plan on sale today covers that usage.";
        }
        String cost = xpf(cheapest.cost().xpf());
        if (cheapest.planCode().equals(current) && cheapest.extensionCode() == null) {
            return over + "; the current plan already fits best: " + cheapest.description() + " comes to " + cost
                    + (saving > 0 ? ", " + xpf(saving) + " less than was paid" : "") + ".";
        }
        if (saving > 0) {
            return over + "; " + cheapest.description() + " would have covered it for " + cost + ", " + xpf(saving)
                    + " less.";
        }
        return over + "; the cheapest combination on sale today, " + cheapest.description() + ", comes to " + cost
                + ", no less than that.";
    }
}
