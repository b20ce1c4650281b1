package nc.esim.billing.subscriptions;

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
}
