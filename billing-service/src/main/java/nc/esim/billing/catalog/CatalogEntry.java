package nc.esim.billing.catalog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What every entry of the catalog (plan, add-on, promotion) has: a code, a name, retirement, a change time. */
@MappedSuperclass
public abstract class CatalogEntry extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public boolean retired;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
