package nc.esim.billing.orders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import nc.esim.billing.pricing.PriceQuote;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.subscription.AllowanceV1;

/** What was bought, through which channel, for how much (minor units of {@code currency}). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {
    @Id
    @Column(name = "order_number")
    public String orderNumber;
    @Column(name = "subscription_id")
    public UUID subscriptionId;
    @Enumerated(EnumType.STRING)
    public OrderKind kind;
    @Column(name = "plan_code")
    public String planCode;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    public String channel;
    @Column(name = "add_on_code")
    public String addOnCode;
    @Column(name = "fee_minor")
    public long feeMinor;
    @Column(name = "paid_currency")
    public String paidCurrency;
    @Column(name = "paid_amount_minor")
    public Long paidAmountMinor;
    @Column(name = "rate_xpf_per_unit")
    public java.math.BigDecimal rateXpfPerUnit;
    @Column(name = "payment_method")
    public String paymentMethod;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    @Column(name = "created_at")
    public Instant createdAt;
    /** What the order granted, as the catalog said when it was placed. */
    @Column(name = "data_bytes")
    public long dataBytes;
    @Column(name = "voice_seconds")
    public long voiceSeconds;
    @Column(name = "sms_count")
    public long smsCount;
    /** A plan's validity for a sale or renewal, the extra days of an extension. */
    public int days;
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    @Column(name = "payment_due_by")
    public Instant paymentDueBy;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "starts_at_confirmation")
    public boolean startsAtConfirmation;
    @Column(name = "discount_minor")
    public long discountMinor;
    @Column(name = "promotion_code")
    public String promotionCode;
    /** Data added by a promotion, included in {@code dataBytes}. */
    @Column(name = "bonus_data_bytes")
    public long bonusDataBytes;

    /** What the order costs in XPF: the price, less a promotion's discount, plus the conversion fee. */
    public long totalMinor() {
        return amountMinor - discountMinor + feeMinor;
    }

    /** A new order for {@code purchase}, neither paid nor awaiting payment yet, and granting nothing yet. */
    static CustomerOrder placed(String orderNumber, Subscription subscription, Purchase purchase, Instant now) {
        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumber;
        order.subscriptionId = subscription.id;
        order.kind = purchase.kind();
        order.planCode = purchase.planCode();
        order.addOnCode = purchase.addOnCode();
        // what it grants is copied from the catalog now: a later change of the catalog never rewrites it
        order.dataBytes = purchase.grant().dataBytes();
        order.voiceSeconds = purchase.grant().voiceSeconds();
        order.smsCount = purchase.grant().smsCount();
        order.days = purchase.grant().days();
        order.amountMinor = purchase.price().baseMinor();
        order.discountMinor = purchase.price().discountMinor();
        order.promotionCode = purchase.promotion().code();
        order.bonusDataBytes = purchase.promotion().bonusDataBytes();
        order.currency = PriceQuote.XPF;
        order.feeMinor = purchase.price().feeMinor();
        order.paidCurrency = purchase.price().currency();
        order.paidAmountMinor = purchase.price().paidAmountMinor();
        order.rateXpfPerUnit = purchase.price().xpfPerUnit();
        order.channel = purchase.channel();
        order.paymentMethod = purchase.paymentMethod().name();
        order.createdAt = now;
        return order;
    }

    /** Paid: at order by the channel, or later by the payment provider's confirmation. */
    public void confirm(Instant now) {
        status = OrderStatus.CONFIRMED;
        confirmedAt = now;
    }

    /** The payment provider confirmed its payment, under {@code reference}; {@link #settle} follows the grant. */
    public void paymentReceived(Instant now, String reference) {
        confirmedAt = now;
        paymentReference = reference;
    }

    /** After a provider's confirmation: CONFIRMED if what it bought was {@code granted}, else REFUND_DUE (paid too late). */
    public void settle(boolean granted) {
        status = granted ? OrderStatus.CONFIRMED : OrderStatus.REFUND_DUE;
    }

    /** Its payment never came in time. */
    public void paymentExpired() {
        status = OrderStatus.PAYMENT_EXPIRED;
    }

    /** An auto-renewal placed because the data ran out: its period starts when it is paid, not after the current one. */
    public void startAtConfirmation() {
        startsAtConfirmation = true;
    }

    /** Granted: what it bought is valid from {@code start} to {@code end}. */
    public void grantPeriod(Instant start, Instant end) {
        periodStart = start;
        periodEnd = end;
    }

    /** An extension moved the end of what it granted to {@code end}. */
    public void extendTo(Instant end) {
        periodEnd = end;
    }

    /** Waits for the payment provider's confirmation until {@code dueBy}. */
    void awaitPayment(Instant dueBy) {
        status = OrderStatus.AWAITING_PAYMENT;
        paymentDueBy = dueBy;
    }

    /**
     * The allowance the order granted, as it stands now: the quotas it bought, validity from its period
     * (an extension moves the end). Null for an order that grants none (an extension).
     */
    public AllowanceV1 grantedAllowance() {
        if ((planCode == null && addOnCode == null) || kind == OrderKind.EXTENSION) {
            return null;
        }
        return new AllowanceV1(orderNumber, dataBytes, voiceSeconds, smsCount, periodStart, periodEnd);
    }
}
