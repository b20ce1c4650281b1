package nc.esim.usage.privacy;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How a masked counter-party number (personal data of a third person) looks: the country code and the
 * last two digits stay, enough for a customer to recognise a call, not enough to read the number. Who
 * sees it masked and who in full is {@link RecordAccess}'s decision.
 */
@ApplicationScoped
public class CounterPartyMasking {
    private static final int VISIBLE_TAIL = 2;

    public String show(String counterParty) {
        if (counterParty == null || counterParty.isEmpty()) {
            return counterParty;
        }
        String prefix = counterParty.startsWith("+687") ? "+687" : counterParty.startsWith("+") ? "+" : "";
        int tail = Math.min(VISIBLE_TAIL, Math.max(0, counterParty.length() - prefix.length() - 1));
        int hidden = counterParty.length() - prefix.length() - tail;
        return prefix + "*".repeat(Math.max(0, hidden)) + counterParty.substring(counterParty.length() - tail);
    }
}
