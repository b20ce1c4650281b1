package nc.esim.notification.preferences;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;

import nc.esim.notification.customers.Customers;
import nc.esim.support.problems.Problems;

/**
 * The customers' preferences, per ICCID; a customer who never chose gets {@link Preference#DEFAULT}.
 * Only an eSIM billing has told of (sold and paid, {@link Customers}) has preferences to read or set:
 * another is a 404, as in billing and usage-service, so that nobody fills the table with eSIMs that do not
 * exist. A shop setting them in the seconds between a sale and its fact reaching this service gets a 404
 * with {@code Retry-After}; the language chosen at the sale already travels with the fact.
 */
@ApplicationScoped
public class Preferences {
    private final EntityManager entityManager;
    private final Clock clock;
    private final Customers customers;

    public Preferences(EntityManager entityManager, Clock clock, Customers customers) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.customers = customers;
    }

    /** The preferences of a known eSIM, or a 404 problem: what the API answers. */
    public Preference ofKnown(String iccid) {
        requireKnown(iccid);
        return of(iccid);
    }

    /** The preferences a message is decided by (its eSIM is known: billing told of it). */
    public Preference of(String iccid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select email_service, email_marketing, sms_service, sms_marketing, language
                        from preference where iccid = ?1""")
                .setParameter(1, iccid).getResultList();
        if (rows.isEmpty()) {
            return Preference.DEFAULT;
        }
        Object[] row = rows.get(0);
        return new Preference((Boolean) row[0], (Boolean) row[1], (Boolean) row[2], (Boolean) row[3], (String) row[4]);
    }

    @Transactional
    public Preference save(String iccid, Preference preference) {
        requireKnown(iccid);
        entityManager.createNativeQuery("""
                        insert into preference (iccid, email_service, email_marketing, sms_service, sms_marketing, language,
                                                updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (iccid) do update set email_service = excluded.email_service,
                            email_marketing = excluded.email_marketing, sms_service = excluded.sms_service,
                            sms_marketing = excluded.sms_marketing, language = excluded.language,
                            updated_at = excluded.updated_at""")
                .setParameter(1, iccid).setParameter(2, preference.emailService())
                .setParameter(3, preference.emailMarketing()).setParameter(4, preference.smsService())
                .setParameter(5, preference.smsMarketing()).setParameter(6, preference.language())
                .setParameter(7, clock.instant()).executeUpdate();
        return preference;
    }

    private void requireKnown(String iccid) {
        if (!customers.isKnown(iccid)) {
            throw new WebApplicationException(Problems.response(404, "unknown-iccid", "Unknown ICCID",
                    "No eSIM sold with this ICCID is known here; a sale is known within seconds of being paid")
                    .header("Retry-After", "2").build());
        }
    }
}
