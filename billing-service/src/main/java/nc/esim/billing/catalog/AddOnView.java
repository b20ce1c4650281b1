package nc.esim.billing.catalog;

import java.util.List;

import nc.esim.billing.pricing.PriceQuote;

/** An add-on as the catalog API shows it; see {@link PlanView} for prices. */
public record AddOnView(String code, String name, AddOn.Kind kind, long dataBytes, int extraDays, long priceMinor,
                        String currency, boolean retired, List<PriceQuote> pricesIn) {

    static AddOnView of(AddOn addOn, List<PriceQuote> pricesIn) {
        return new AddOnView(addOn.code, addOn.name, addOn.kind, addOn.dataBytes, addOn.extraDays, addOn.priceMinor,
                addOn.currency, addOn.retired, pricesIn);
    }
}
