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

/**
 * A plan sold to one eSIM. Its fields are read as they are, and changed only through its methods, which
 * keep its rules (a test holds every other class to that).
 */
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

    /**
     * A sale waiting for its payment: PENDING grants nothing and the expiry scan passes it by; its validity
     * starts when it is paid ({@link #activate}). French unless the customer chose a language.
     */
    public static Subscription pending(String iccid, String msisdn, String planCode, String email, String language,
                                       String soldByShop, boolean counterPartyConsent, Instant now) {
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.iccid = iccid;
        subscription.msisdn = msisdn;
        subscription.planCode = planCode;
        subscription.status = SubscriptionStatus.PENDING;
        subscription.email = email;
        subscription.language = language == null ? "fr" : language;
        subscription.soldByShop = soldByShop;
        subscription.counterPartyConsent = counterPartyConsent;
        subscription.activatedAt = now;
        subscription.validUntil = now;
        return subscription;
    }

    /**
     * The subscription as an event tells it, from the columns a set-based statement read; never persisted.
     */
    public static Subscription asTold(UUID id, String iccid, String msisdn, String planCode, String language, String email,
                                      String soldByShop, boolean counterPartyConsent) {
        Subscription subscription = new Subscription();
        subscription.id = id;
        subscription.iccid = iccid;
        subscription.msisdn = msisdn;
        subscription.planCode = planCode;
        subscription.language = language;
        subscription.email = email;
        subscription.soldByShop = soldByShop;
        subscription.counterPartyConsent = counterPartyConsent;
        return subscription;
    }

    /** The sale is paid: its first period of {@code days} starts now. */
    public void activate(Instant now, int days) {
        status = SubscriptionStatus.ACTIVE;
        activatedAt = now;
        validUntil = Validity.until(now, days);
    }

    /**
     * A paid renewal of {@code plan} whose period ends at {@code periodEnd}: the subscription is active on
     * that plan until the later of its ends. Renewed before it expired, and {@code countsInARow} (no
     * other renewal's period is ahead, so once per period), it adds one to the early renewals in a row;
     * renewed after it expired, the row starts again.
     */
    public void renew(String plan, Instant periodEnd, boolean beforeExpiry, boolean countsInARow) {
        planCode = plan;
        if (periodEnd.isAfter(validUntil)) {
            validUntil = periodEnd;
        }
        status = SubscriptionStatus.ACTIVE;
        earlyRenewalsInARow = !beforeExpiry ? 0 : countsInARow ? earlyRenewalsInARow + 1 : earlyRenewalsInARow;
    }

    /** An extension: the subscription now ends at {@code newEnd}. */
    public void extendTo(Instant newEnd) {
        validUntil = newEnd;
    }

    /** A data pack arrived: suspended for want of data, the line is active again; any other status stays. */
    public void dataAdded() {
        if (status == SubscriptionStatus.SUSPENDED) {
            status = SubscriptionStatus.ACTIVE;
        }
    }

    /** Out of data, by the SUSPEND policy. */
    public void suspend() {
        status = SubscriptionStatus.SUSPENDED;
    }

    /** A sale whose payment never came: it never started, and is expired. */
    public void expireUnpaid() {
        status = SubscriptionStatus.EXPIRED;
    }

    /** Auto-renewal on, charged to {@code method} (CARD or PAYPAL, stored at the payment provider), or off (null). */
    public void autoRenewal(String method) {
        autoRenew = method != null;
        autoRenewMethod = method;
    }

    /** The customer's consent to the support desk seeing counter-party numbers in full, given or withdrawn. */
    public void counterPartyConsent(boolean granted) {
        counterPartyConsent = granted;
    }

    public static Optional<Subscription> byIccid(String iccid) {
        return find("iccid", iccid).firstResultOptional();
    }

    public static boolean existsForIccidOrMsisdn(String iccid, String msisdn) {
        return count("iccid = ?1 or msisdn = ?2", iccid, msisdn) > 0;
    }
}
