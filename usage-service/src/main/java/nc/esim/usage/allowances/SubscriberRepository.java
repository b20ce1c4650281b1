package nc.esim.usage.allowances;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** ICCID → MSISDN, subscription, selling shop and consent, as billing last told us. */
@ApplicationScoped
public class SubscriberRepository {

    /**
     * @param soldByShop          the partner shop that sold the subscription, null when sold elsewhere
     * @param counterPartyConsent the customer lets the support desk see counter-party numbers in full
     */
    public record Subscriber(String iccid, String msisdn, String subscriptionId, String soldByShop,
                             boolean counterPartyConsent) {
    }

    private static final String COLUMNS = "iccid, msisdn, subscription_id, sold_by_shop, counter_party_consent";

    public void upsert(Connection connection, Subscriber subscriber, Instant at) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into subscriber (iccid, msisdn, subscription_id, sold_by_shop, counter_party_consent, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (iccid) do update set msisdn = excluded.msisdn, subscription_id = excluded.subscription_id,
                    sold_by_shop = excluded.sold_by_shop, counter_party_consent = excluded.counter_party_consent,
                    updated_at = excluded.updated_at""")) {
            upsert.setString(1, subscriber.iccid());
            upsert.setString(2, subscriber.msisdn());
            upsert.setString(3, subscriber.subscriptionId());
            upsert.setString(4, subscriber.soldByShop());
            upsert.setBoolean(5, subscriber.counterPartyConsent());
            upsert.setTimestamp(6, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }

    /** The eSIM that has this number now (the latest event wins if a number was moved). */
    public Optional<Subscriber> byMsisdn(Connection connection, String msisdn) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from subscriber where msisdn = ? order by updated_at desc limit 1")) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(subscriber(row)) : Optional.empty();
            }
        }
    }

    public Optional<Subscriber> byIccid(Connection connection, String iccid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from subscriber where iccid = ?")) {
            select.setString(1, iccid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(subscriber(row)) : Optional.empty();
            }
        }
    }

    private static Subscriber subscriber(ResultSet row) throws SQLException {
        return new Subscriber(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getBoolean(5));
    }
}
