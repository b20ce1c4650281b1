package nc.esim.billing.promotions;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import nc.esim.billing.catalog.CatalogEntry;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A promotion of the catalog, live between {@code validFrom} (inclusive) and {@code validUntil} (exclusive). */
@Entity
@Table(name = "promotion")
public class Promotion extends CatalogEntry {
    @Schema(name = "PromotionKind", description = "What a promotion gives")
    public enum Kind {
        /** More data on a subscription's first data pack. */
        FIRST_TOP_UP_BONUS,
        /** A discount on a renewal made before expiry, from the n-th such renewal in a row. */
        EARLY_RENEWAL_DISCOUNT
    }

    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "bonus_data_bytes")
    public long bonusDataBytes;
    @Column(name = "discount_percent")
    public int discountPercent;
    @Column(name = "early_renewals_in_a_row")
    public int earlyRenewalsInARow;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "valid_until")
    public Instant validUntil;
}
