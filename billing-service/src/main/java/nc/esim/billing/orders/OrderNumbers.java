package nc.esim.billing.orders;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import nc.esim.contracts.Zones;

/** Order numbers: ORD-<Nouméa date>-<six digits from a database sequence>, unique across instances. */
@ApplicationScoped
public class OrderNumbers {
    private static final DateTimeFormatter ORDER_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private final EntityManager entityManager;

    public OrderNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public String next(Instant now) {
        long sequence = ((Number) entityManager.createNativeQuery("select nextval('order_number_seq')")
                .getSingleResult()).longValue();
        return "ORD-" + ORDER_DAY.format(now.atZone(Zones.NOUMEA)) + "-" + String.format("%06d", sequence);
    }
}
