package nc.esim.contracts.subscription;

/**
 * What the order behind a subscription fact costs the customer: the price after any discount, plus the
 * conversion fee when paid in another currency. Carried so that a receipt can state it; in XPF, the
 * currency prices are set in (the customer may have paid the equivalent in another currency).
 *
 * @param amountMinor in minor units of {@code currency}; XPF has none, so francs
 * @param currency    ISO 4217, XPF
 */
public record ChargeV1(long amountMinor, String currency) {
}
