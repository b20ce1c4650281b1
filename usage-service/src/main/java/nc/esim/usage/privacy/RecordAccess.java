package nc.esim.usage.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import jakarta.enterprise.context.RequestScoped;

import nc.esim.support.privacy.PersonalData;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Caller;
import nc.esim.support.security.Roles;
import nc.esim.usage.KnownIccids;
import nc.esim.usage.allowances.SubscriberRepository;

/**
 * Who may read an eSIM's itemised records, and how they see counter-party numbers:
 * <ul>
 * <li>the partner shop that sold the subscription: its records, numbers in full;</li>
 * <li>any other partner shop: nothing (403, whether or not the ICCID exists, so guessing ICCIDs tells
 * nothing);</li>
 * <li>a customer: the records of its own eSIMs (CustomerScope let the call through only for those),
 * numbers in full: they are the customer's own calls;</li>
 * <li>the support desk: every eSIM's records, numbers masked unless the customer consented; an ICCID
 * usage-service does not know is a 404, as for the summary ({@link KnownIccids}).</li>
 * </ul>
 * This is the one policy point for counter-party numbers (personal data of a third person); how a masked
 * number looks is {@link PersonalData#phoneNumber}.
 */
@RequestScoped
public class RecordAccess {
    private final Caller caller;
    private final SubscriberRepository subscribers;
    private final DataSource dataSource;

    private final KnownIccids known;

    public RecordAccess(Caller caller, SubscriberRepository subscribers, KnownIccids known, DataSource dataSource) {
        this.caller = caller;
        this.known = known;
        this.subscribers = subscribers;
        this.dataSource = dataSource;
    }

    /** How the caller sees counter-party numbers in {@code iccid}'s records; 403 when it may not read them. */
    public UnaryOperator<String> counterPartiesOf(String iccid) {
        Optional<SubscriberRepository.Subscriber> subscriber = subscriber(iccid);
        boolean soldByCaller = subscriber.map(s -> caller.isShop(s.soldByShop())).orElse(false);
        boolean consented = subscriber.map(SubscriberRepository.Subscriber::counterPartyConsent).orElse(false);
        if (caller.isCustomer() || soldByCaller || (caller.is(Roles.SUPPORT_DESK) && consented)) {
            return UnaryOperator.identity();
        }
        if (caller.is(Roles.SUPPORT_DESK)) {
            if (subscriber.isEmpty()) {
                requireKnown(iccid);
            }
            return PersonalData::phoneNumber;
        }
        throw Problems.of(403, "not-sold-by-this-shop", "Not sold by this shop",
                "A partner shop reads the itemised records only of the subscriptions it sold");
    }

    private void requireKnown(String iccid) {
        try {
            known.require(iccid);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check whether an ICCID is known", e);
        }
    }

    private Optional<SubscriberRepository.Subscriber> subscriber(String iccid) {
        try (Connection connection = dataSource.getConnection()) {
            return subscribers.byIccid(connection, iccid);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the subscriber of an ICCID", e);
        }
    }
}
