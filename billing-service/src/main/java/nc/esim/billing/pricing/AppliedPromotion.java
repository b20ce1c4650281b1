package nc.esim.billing.pricing;

/**
 * What a promotion gave one order: a discount in whole XPF or more data. {@link #NONE} when no
 * promotion applied.
 */
public record AppliedPromotion(String code, long discountMinor, long bonusDataBytes) {
    public static final AppliedPromotion NONE = new AppliedPromotion(null, 0, 0);
}
