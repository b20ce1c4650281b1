package nc.esim.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a customer pays for a price in XPF, in the currency they pay in.
 *
 * <p>Rounding, explicitly: a promotion's discount is a whole number of francs (see {@code Promotions});
 * the conversion fee is a percentage of the discounted XPF price rounded <em>up</em> to the whole franc;
 * the amount in the payment currency is the XPF total divided by the rate, rounded <em>up</em> to that
 * currency's minor unit. Both roundings favour the seller by less than one unit, so a payment always
 * covers the XPF price. In XPF there is no fee and no conversion.
 *
 * @param baseMinor       the catalog price in XPF
 * @param discountMinor   a promotion's discount in XPF (0 without one)
 * @param feeMinor        the conversion fee in XPF (0 in XPF)
 * @param totalMinor      base - discount + fee, in XPF
 * @param currency        the payment currency
 * @param xpfPerUnit      the rate used (null in XPF)
 * @param paidAmountMinor what the customer pays, in minor units of {@code currency}
 */
public record PriceQuote(long baseMinor, long discountMinor, long feeMinor, long totalMinor, String currency,
                         @Schema(description = "XPF for one unit of currency; absent in XPF") BigDecimal xpfPerUnit,
                         @Schema(description = "What the customer pays, in minor units of currency (cents of EUR, say)") long paidAmountMinor) {

    public static final String XPF = "XPF";

    public static PriceQuote inXpf(long baseMinor) {
        return inXpf(baseMinor, 0);
    }

    public static PriceQuote inXpf(long baseMinor, long discountMinor) {
        long total = baseMinor - requireDiscount(baseMinor, discountMinor);
        return new PriceQuote(baseMinor, discountMinor, 0, total, XPF, null, total);
    }

    public static PriceQuote converted(long baseMinor, BigDecimal feePercent, String currency, BigDecimal xpfPerUnit,
                                       int minorUnits) {
        return converted(baseMinor, 0, feePercent, currency, xpfPerUnit, minorUnits);
    }

    public static PriceQuote converted(long baseMinor, long discountMinor, BigDecimal feePercent, String currency,
                                       BigDecimal xpfPerUnit, int minorUnits) {
        long price = baseMinor - requireDiscount(baseMinor, discountMinor);
        long fee = BigDecimal.valueOf(price).multiply(feePercent).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
                .longValueExact();
        long total = price + fee;
        long paid = BigDecimal.valueOf(total).divide(xpfPerUnit, minorUnits, RoundingMode.CEILING)
                .movePointRight(minorUnits).longValueExact();
        return new PriceQuote(baseMinor, discountMinor, fee, total, currency, xpfPerUnit, paid);
    }

    private static long requireDiscount(long baseMinor, long discountMinor) {
        if (discountMinor < 0 || discountMinor > baseMinor) {
            throw new IllegalArgumentException("discount " + discountMinor + " outside 0.." + baseMinor);
        }
        return discountMinor;
    }
}
