package nc.esim.usage.allowances;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nc.esim.contracts.cdr.UsageType;

/**
 * Rates usage against allowances (the brief's rule): among the allowances valid at the moment of use
 * that have a quota of its kind, the one that expires first is drawn on first; when it runs out the
 * rest of the record is drawn on the next one, and what no allowance can cover is out of bundle.
 * Rating draws on the balances it is given, so records must be rated in the order they are counted.
 */
public final class Rating {
    private Rating() {
    }

    /** How one record was rated: the draws in the order taken, and what stayed out of bundle. */
    public record Rated(List<Draw> draws, long outOfBundle) {
        public long inBundle() {
            return draws.stream().mapToLong(Draw::quantity).sum();
        }

        /** The allowance drawn on first, or null when nothing was. */
        public String firstAllowanceId() {
            return draws.isEmpty() ? null : draws.get(0).allowanceId();
        }
    }

    /**
     * Draws {@code quantity} of {@code type}, used at {@code usedAt}, on {@code balances} of one ICCID,
     * which are sorted by expiry (then id).
     */
    public static Rated rate(List<AllowanceBalance> balances, UsageType type, Instant usedAt, long quantity) {
        long left = quantity;
        List<Draw> draws = List.of();
        for (AllowanceBalance balance : balances) {
            if (!balance.allowance().covers(usedAt) || balance.allowance().quotaOf(type) == 0) {
                continue;
            }
            if (quantity == 0) {
                // nothing to draw (an empty data session), but the record still belongs to this allowance
                return new Rated(List.of(new Draw(balance.allowance().allowanceId(), 0)), 0);
            }
            if (left == 0) {
                break;
            }
            long drawn = balance.draw(type, left);
            if (drawn > 0) {
                if (draws.isEmpty()) {
                    draws = new ArrayList<>(1);
                }
                draws.add(new Draw(balance.allowance().allowanceId(), drawn));
                left -= drawn;
            }
        }
        return new Rated(draws, left);
    }
}
