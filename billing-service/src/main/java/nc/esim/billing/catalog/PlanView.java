package nc.esim.billing.catalog;

import java.util.List;

import nc.esim.billing.pricing.PriceQuote;

/**
 * A plan as the catalog API shows it; the price is in whole XPF, {@code pricesIn} what it costs paid in
 * each currency asked for (rate of now, conversion fee included; payments snapshot their own rate).
 */
public record PlanView(String code, String name, long dataBytes, long voiceSeconds, long smsCount, int validityDays,
                       long priceMinor, String currency, boolean retired, List<PriceQuote> pricesIn) {

    static PlanView of(Plan plan, List<PriceQuote> pricesIn) {
        return new PlanView(plan.code, plan.name, plan.dataBytes, plan.voiceSeconds, plan.smsCount, plan.validityDays,
                plan.priceMinor, plan.currency, plan.retired, pricesIn);
    }
}
