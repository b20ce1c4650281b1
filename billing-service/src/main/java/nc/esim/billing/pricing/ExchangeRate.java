package nc.esim.billing.pricing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How many XPF one unit of a currency is worth, and how many decimals its amounts have. */
@Entity
@Table(name = "exchange_rate")
public class ExchangeRate extends PanacheEntityBase {
    @Id
    public String currency;
    @Column(name = "xpf_per_unit")
    public BigDecimal xpfPerUnit;
    @Column(name = "minor_units")
    public int minorUnits;
    public boolean pegged;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
