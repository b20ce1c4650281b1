package nc.esim.billing.accounts;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.usage.UsageBalanceV1;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.IncomingEvents;
import nc.esim.support.kafka.RejectedRecords;

/**
 * What each bound eSIM has left, as {@code esim.usage.balance.v1} tells it, for the customer's home screen.
 * A reading replaces the stored one only when it is newer, so replays and duplicates change nothing; an
 * event that cannot be read goes to {@code esim.usage.balance.rejected.v1} with its reason.
 */
@ApplicationScoped
public class UsageBalances implements ConsumerLoop.BatchHandler {
    private final EntityManager entityManager;
    private final RejectedRecords rejected;

    public UsageBalances(EntityManager entityManager, RejectedRecords rejected) {
        this.entityManager = entityManager;
        this.rejected = rejected;
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        IncomingEvents.Batch<UsageBalanceV1> batch = IncomingEvents.decodeChecked(records, UsageBalanceV1.class,
                UsageBalances::violation, "INVALID_EVENT");
        Map<String, UsageBalanceV1> latest = new HashMap<>();
        batch.events().forEach(d -> latest.merge(d.event().iccid(), d.event(),
                (a, b) -> b.asOf().isAfter(a.asOf()) ? b : a));
        if (!latest.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> latest.values().forEach(this::store));
        }
        rejected.publish(batch.rejections());
    }

    static String violation(UsageBalanceV1 event) {
        if (event.schemaVersion() != UsageBalanceV1.SCHEMA_VERSION) {
            return "schemaVersion must be " + UsageBalanceV1.SCHEMA_VERSION;
        }
        if (!Identifiers.isValidIccid(event.iccid())) {
            return "iccid is not an 89687 ICCID with a valid Luhn digit";
        }
        if (event.asOf() == null) {
            return "asOf is required";
        }
        if (event.dataLeftBytes() < 0 || event.dataLimitBytes() < 0 || event.voiceLeftSeconds() < 0 || event.smsLeft() < 0) {
            return "quantities must not be negative";
        }
        return null;
    }

    private void store(UsageBalanceV1 balance) {
        entityManager.createNativeQuery("""
                        insert into usage_balance (iccid, data_left_bytes, data_limit_bytes, voice_left_seconds, sms_left,
                                                   valid_until, as_of)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (iccid) do update set data_left_bytes = excluded.data_left_bytes,
                            data_limit_bytes = excluded.data_limit_bytes, voice_left_seconds = excluded.voice_left_seconds,
                            sms_left = excluded.sms_left, valid_until = excluded.valid_until, as_of = excluded.as_of
                        where usage_balance.as_of < excluded.as_of""")
                .setParameter(1, balance.iccid()).setParameter(2, balance.dataLeftBytes())
                .setParameter(3, balance.dataLimitBytes()).setParameter(4, balance.voiceLeftSeconds())
                .setParameter(5, balance.smsLeft())
                .setParameter(6, balance.validUntil() == null ? null : Timestamp.from(balance.validUntil()))
                .setParameter(7, Timestamp.from(balance.asOf())).executeUpdate();
    }
}
