package nc.esim.billing.pricing;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.billing.BillingConfig;
import nc.esim.support.problems.Problems;

/** Quotes a price in the payment currency with the rate as it is now (snapshotted into the order). */
@ApplicationScoped
public class Pricing {
    private final BillingConfig config;

    public Pricing(BillingConfig config) {
        this.config = config;
    }

    /** The price in each of {@code currencies} (none when null), as a customer paying now would pay it. */
    public java.util.List<PriceQuote> quotes(long baseXpfMinor, java.util.List<String> currencies) {
        return currencies == null ? java.util.List.of()
                : currencies.stream().distinct().map(currency -> quote(baseXpfMinor, currency)).toList();
    }

    public PriceQuote quote(long baseXpfMinor, String currency) {
        return quote(baseXpfMinor, 0, currency);
    }

    /** The price less a promotion's discount (whole XPF), paid in {@code currency} (XPF when blank). */
    public PriceQuote quote(long baseXpfMinor, long discountMinor, String currency) {
        if (currency == null || currency.isBlank() || PriceQuote.XPF.equals(currency)) {
            return PriceQuote.inXpf(baseXpfMinor, discountMinor);
        }
        ExchangeRate rate = ExchangeRate.<ExchangeRate>findByIdOptional(currency).orElseThrow(() -> Problems.of(422,
                "currency-not-accepted", "Currency not accepted", "No exchange rate is set for " + currency
                        + "; pay in XPF or a currency listed at /api/v1/exchange-rates"));
        return PriceQuote.converted(baseXpfMinor, discountMinor, config.payments().conversionFeePercent(), currency,
                rate.xpfPerUnit, rate.minorUnits);
    }
}
