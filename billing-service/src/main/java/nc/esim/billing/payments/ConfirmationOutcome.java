package nc.esim.billing.payments;

import java.time.Instant;

import nc.esim.billing.orders.OrderStatus;

/** What became of a confirmed order: CONFIRMED and granted until {@code validUntil}, or REFUND_DUE. */
public record ConfirmationOutcome(String orderNumber, OrderStatus status, Instant validUntil) {
}
