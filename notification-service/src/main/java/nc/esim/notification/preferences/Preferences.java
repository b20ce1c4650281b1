package nc.esim.notification.preferences;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The customers' preferences, per ICCID; a customer who never chose gets {@link Preference#DEFAULT}. */
@ApplicationScoped
public class Preferences {
    private final EntityManager entityManager;
    private final Clock clock;

    public Preferences(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

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
}
