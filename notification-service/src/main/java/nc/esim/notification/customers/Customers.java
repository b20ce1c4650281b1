package nc.esim.notification.customers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Where and in which language to reach the customer of an ICCID, as billing last said on
 * esim.subscription.v1 (an older event never overwrites a newer one). Usage alerts need it: they carry
 * neither email nor language.
 */
@ApplicationScoped
public class Customers {
    private final EntityManager entityManager;

    public Customers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Customer(String msisdn, String email, String language) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String iccid, String msisdn, String email, String language, Instant at) {
        entityManager.createNativeQuery("""
                        insert into customer (iccid, msisdn, email, language, updated_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (iccid) do update set msisdn = excluded.msisdn, email = excluded.email,
                            language = excluded.language, updated_at = excluded.updated_at
                        where customer.updated_at <= excluded.updated_at""")
                .setParameter(1, iccid).setParameter(2, msisdn).setParameter(3, email).setParameter(4, language)
                .setParameter(5, at).executeUpdate();
    }

    /** Whether billing has told of this eSIM: it was sold and paid. */
    public boolean isKnown(String iccid) {
        return !entityManager.createNativeQuery("select 1 from customer where iccid = ?1").setParameter(1, iccid)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public Optional<Customer> of(String iccid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select msisdn, email, language from customer where iccid = ?1")
                .setParameter(1, iccid).getResultList();
        return rows.stream().findFirst().map(r -> new Customer((String) r[0], (String) r[1], (String) r[2]));
    }
}
