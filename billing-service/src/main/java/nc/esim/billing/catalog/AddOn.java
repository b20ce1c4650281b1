package nc.esim.billing.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An add-on on sale: a data pack (quota until the current expiry) or a validity extension (days). */
@Entity
@Table(name = "add_on")
public class AddOn extends CatalogEntry {
    @Schema(name = "AddOnKind", description = "What an add-on adds: data until the current expiry, or days of validity")
    public enum Kind { DATA_PACK, EXTENSION }

    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "data_bytes")
    public long dataBytes;
    @Column(name = "extra_days")
    public int extraDays;
    @Column(name = "price_minor")
    public long priceMinor;
    public String currency;
}
