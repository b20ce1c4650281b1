package nc.esim.billing.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a customer pays for a price in XPF, in the currency they pay in.
 *
 * <p>Rounding, explicitly: the conversion fee is a percentage of the XPF price rounded <em>up</em> to
 * the whole franc; the amount in the payment currency is the XPF total divided by the rate, rounded
 * <em>up</em> to that currency's minor unit. Both roundings favour the seller by less than one unit, so
 * a payment always covers the XPF price. In XPF there is no fee and no conversion.
 *
 * @param baseMinor       the price in XPF
 * @param feeMinor        the conversion fee in XPF (0 in XPF)
 * @param totalMinor      base + fee, in XPF
 * @param currency        the payment currency
 * @param xpfPerUnit      the rate used (null in XPF)
 * @param paidAmountMinor what the customer pays, in minor units of {@code currency}
 */
public record PriceQuote(long baseMinor, long feeMinor, long totalMinor, String currency, BigDecimal xpfPerUnit,
                         long paidAmountMinor) {

    public static final String XPF = "XPF";

    public static PriceQuote inXpf(long baseMinor) {
        return new PriceQuote(baseMinor, 0, baseMinor, XPF, null, baseMinor);
    }

    public static PriceQuote converted(long baseMinor, BigDecimal feePercent, String currency, BigDecimal xpfPerUnit,
                                       int minorUnits) {
        long fee = BigDecimal.valueOf(baseMinor).multiply(feePercent).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
                .longValueExact();
        long total = baseMinor + fee;
        long paid = BigDecimal.valueOf(total).divide(xpfPerUnit, minorUnits, RoundingMode.CEILING)
                .movePointRight(minorUnits).longValueExact();
        return new PriceQuote(baseMinor, fee, total, currency, xpfPerUnit, paid);
    }
}
