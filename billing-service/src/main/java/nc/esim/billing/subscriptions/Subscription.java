package nc.esim.billing.subscriptions;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A plan sold to one eSIM. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    @Id
    public UUID id;
    public String iccid;
    public String msisdn;
    @Column(name = "plan_code")
    public String planCode;
    @Enumerated(EnumType.STRING)
    public SubscriptionStatus status;
    public String email;
    public String language;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "valid_until")
    public Instant validUntil;
    /** Whether the platform renews the subscription itself before it ends or when its data runs out. */
    @Column(name = "auto_renew")
    public boolean autoRenew;
    /** The payment method an auto-renewal is charged to (CARD or PAYPAL, stored at the payment provider). */
    @Column(name = "auto_renew_method")
    public String autoRenewMethod;
    /** Renewals confirmed before the end of the period they extend, in a row. */
    @Column(name = "early_renewals_in_a_row")
    public int earlyRenewalsInARow;
    /** The partner shop that sold it (its token's shop id); null when sold through another channel. */
    @Column(name = "sold_by_shop")
    public String soldByShop;
    /** The customer's consent to the support desk seeing counter-party numbers in full. */
    @Column(name = "counter_party_consent")
    public boolean counterPartyConsent;
    @Version
    public long version;

    public static Optional<Subscription> byIccid(String iccid) {
        return find("iccid", iccid).firstResultOptional();
    }

    public static boolean existsForIccidOrMsisdn(String iccid, String msisdn) {
        return count("iccid = ?1 or msisdn = ?2", iccid, msisdn) > 0;
    }
}
