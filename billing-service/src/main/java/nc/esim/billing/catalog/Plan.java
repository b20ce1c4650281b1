package nc.esim.billing.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;


/** A plan of the catalog: allowances, validity and a price in minor units of its currency. */
@Entity
@Table(name = "plan")
public class Plan extends CatalogEntry {
    @Column(name = "data_bytes")
    public long dataBytes;
    @Column(name = "voice_seconds")
    public long voiceSeconds;
    @Column(name = "sms_count")
    public long smsCount;
    @Column(name = "validity_days")
    public int validityDays;
    @Column(name = "price_minor")
    public long priceMinor;
    public String currency;
}
