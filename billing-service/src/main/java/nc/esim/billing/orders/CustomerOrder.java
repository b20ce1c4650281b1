package nc.esim.billing.orders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What was bought, through which channel, for how much (minor units of {@code currency}). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {
    @Id
    @Column(name = "order_number")
    public String orderNumber;
    @Column(name = "subscription_id")
    public UUID subscriptionId;
    public String kind;
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
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public nc.esim.billing.orders.OrderStatus status;
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
}
