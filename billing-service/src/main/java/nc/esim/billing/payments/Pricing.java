package nc.esim.billing.payments;

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

    public PriceQuote quote(long baseXpfMinor, String currency) {
        if (currency == null || currency.isBlank() || PriceQuote.XPF.equals(currency)) {
            return PriceQuote.inXpf(baseXpfMinor);
        }
        ExchangeRate rate = ExchangeRate.<ExchangeRate>findByIdOptional(currency).orElseThrow(() -> Problems.of(422,
                "currency-not-accepted", "Currency not accepted", "No exchange rate is set for " + currency
                        + "; pay in XPF or a currency listed at /api/v1/exchange-rates"));
        return PriceQuote.converted(baseXpfMinor, config.payments().conversionFeePercent(), currency, rate.xpfPerUnit,
                rate.minorUnits);
    }
}
