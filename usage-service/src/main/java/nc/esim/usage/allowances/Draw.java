package nc.esim.usage.allowances;

/** A quantity of one usage record drawn on one allowance. */
public record Draw(String allowanceId, long quantity) {
}
