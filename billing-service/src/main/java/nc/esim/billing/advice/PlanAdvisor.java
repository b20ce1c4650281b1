package nc.esim.billing.advice;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the same usage would have cost with each plan on sale, bought the way the catalog sells it.
 *
 * <p>The rules, so that an answer can be checked by hand:
 * <ul>
 * <li>A plan is bought back to back from the first day of the period: {@code ceil(days / cycle)} times,
 * a cycle being the plan's validity, plus {@code x} validity extensions of one kind bought each time if
 * that is cheaper (x from 0 until one cycle spans the period).</li>
 * <li>In each cycle, the cycle's voice and SMS must fit the plan's quotas (nothing sells more of them);
 * data beyond the plan's quota is bought as data packs, the cheapest mix of packs on sale that covers
 * it, within that cycle (a pack lasts until the current expiry).</li>
 * <li>The cost is the sum of the catalog prices in XPF. Of two options of one plan that cost the same,
 * the one with fewer purchases wins.</li>
 * </ul>
 */
public final class PlanAdvisor {
    /** Beyond this many steps, the pack mix is the cheapest single pack kind (never reached by real catalogs). */
    private static final int MAX_PACK_SEARCH = 200_000;

    private PlanAdvisor() {
    }

    public record PlanOffer(String code, String name, long dataBytes, long voiceSeconds, long smsCount, int validityDays,
                            long priceXpf) {
    }

    public record PackOffer(String code, String name, long dataBytes, long priceXpf) {
    }

    public record ExtensionOffer(String code, String name, int days, long priceXpf) {
    }

    /** How one plan would have covered the usage; {@code covers} false with the reason when it cannot. */
    public record Option(PlanOffer plan, boolean covers, String reason, int purchases, int cycleDays,
                         ExtensionOffer extension, int extensionsPerPurchase, Map<PackOffer, Integer> dataPacks,
                         long costXpf) {
    }

    /**
     * @param days usage per day of [from, to]; a day without usage may be absent
     * @return one option per plan, in the order given
     */
    public static List<Option> options(LocalDate from, LocalDate to, Map<LocalDate, UsageProfiles.Day> days,
                                       List<PlanOffer> plans, List<PackOffer> packs, List<ExtensionOffer> extensions) {
        int length = (int) ChronoUnit.DAYS.between(from, to) + 1;
        long[][] prefix = new long[3][length + 1];
        for (int i = 0; i < length; i++) {
            UsageProfiles.Day day = days.get(from.plusDays(i));
            prefix[0][i + 1] = prefix[0][i] + (day == null ? 0 : day.dataBytes());
            prefix[1][i + 1] = prefix[1][i] + (day == null ? 0 : day.voiceSeconds());
            prefix[2][i + 1] = prefix[2][i] + (day == null ? 0 : day.smsCount());
        }
        List<PackOffer> usablePacks = packs.stream().filter(p -> p.dataBytes() > 0)
                .sorted(Comparator.comparingLong(PackOffer::dataBytes).reversed()).toList();
        List<Option> options = new ArrayList<>();
        for (PlanOffer plan : plans) {
            options.add(best(plan, length, prefix, usablePacks, extensions));
        }
        return options;
    }

    private static Option best(PlanOffer plan, int length, long[][] prefix, List<PackOffer> packs,
                               List<ExtensionOffer> extensions) {
        Option best = cost(plan, null, 0, length, prefix, packs);
        if (plan.validityDays() < length) {
            for (ExtensionOffer extension : extensions) {
                if (extension.days() <= 0) {
                    continue;
                }
                int most = (length - plan.validityDays() + extension.days() - 1) / extension.days();
                for (int x = 1; x <= most; x++) {
                    Option option = cost(plan, extension, x, length, prefix, packs);
                    if (option.covers() && (!best.covers() || option.costXpf() < best.costXpf()
                            || option.costXpf() == best.costXpf() && purchases(option) < purchases(best))) {
                        best = option;
                    }
                }
            }
        }
        return best;
    }

    private static int purchases(Option option) {
        return option.purchases() * (1 + option.extensionsPerPurchase())
                + option.dataPacks().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Option cost(PlanOffer plan, ExtensionOffer extension, int extensions, int length, long[][] prefix,
                               List<PackOffer> packs) {
        int cycle = plan.validityDays() + (extension == null ? 0 : extensions * extension.days());
        int purchases = (length + cycle - 1) / cycle;
        long cost = purchases * (plan.priceXpf() + (extension == null ? 0 : extensions * extension.priceXpf()));
        Map<PackOffer, Integer> bought = new LinkedHashMap<>();
        for (int k = 0; k < purchases; k++) {
            int start = k * cycle;
            int end = Math.min(length, start + cycle);
            long data = prefix[0][end] - prefix[0][start];
            long voice = prefix[1][end] - prefix[1][start];
            long sms = prefix[2][end] - prefix[2][start];
            if (voice > plan.voiceSeconds() || sms > plan.smsCount()) {
                return new Option(plan, false, voice > plan.voiceSeconds()
                        ? "its " + plan.voiceSeconds() / 60 + " minutes of calls are fewer than were used"
                        : "its " + plan.smsCount() + " SMS are fewer than were sent", purchases, cycle, null, 0, Map.of(), 0);
            }
            long excess = data - plan.dataBytes();
            if (excess > 0) {
                if (packs.isEmpty()) {
                    return new Option(plan, false, "its data is less than was used and no data pack is on sale",
                            purchases, cycle, null, 0, Map.of(), 0);
                }
                PackMix mix = cheapestMix(packs, excess);
                cost += mix.cost();
                mix.counts().forEach((pack, n) -> bought.merge(pack, n, Integer::sum));
            }
        }
        return new Option(plan, true, null, purchases, cycle, extension, extensions, bought, cost);
    }

    /** Packs bought, by kind, and what they cost. */
    record PackMix(Map<PackOffer, Integer> counts, long cost) {
    }

    /**
     * The cheapest mix of packs (largest first in {@code packs}) holding at least {@code excess} bytes: a
     * depth-first search over the count of each kind but the last, the last rounding up, cut off as soon
     * as a partial mix costs more than the best found.
     */
    static PackMix cheapestMix(List<PackOffer> packs, long excess) {
        int[] counts = new int[packs.size()];
        int[] best = new int[packs.size()];
        long[] bestCost = {Long.MAX_VALUE};
        int[] steps = {0};
        search(packs, 0, excess, 0, counts, best, bestCost, steps);
        if (steps[0] > MAX_PACK_SEARCH) { // the cheapest single kind
            bestCost[0] = Long.MAX_VALUE;
            for (int i = 0; i < packs.size(); i++) {
                long n = (excess + packs.get(i).dataBytes() - 1) / packs.get(i).dataBytes();
                if (n * packs.get(i).priceXpf() < bestCost[0]) {
                    bestCost[0] = n * packs.get(i).priceXpf();
                    Arrays.fill(best, 0);
                    best[i] = (int) n;
                }
            }
        }
        Map<PackOffer, Integer> mix = new LinkedHashMap<>();
        for (int i = 0; i < packs.size(); i++) {
            if (best[i] > 0) {
                mix.put(packs.get(i), best[i]);
            }
        }
        return new PackMix(mix, bestCost[0]);
    }

    private static void search(List<PackOffer> packs, int i, long remaining, long cost, int[] counts, int[] best,
                               long[] bestCost, int[] steps) {
        if (cost >= bestCost[0] || ++steps[0] > MAX_PACK_SEARCH) {
            return;
        }
        PackOffer pack = packs.get(i);
        long most = remaining <= 0 ? 0 : (remaining + pack.dataBytes() - 1) / pack.dataBytes();
        if (i == packs.size() - 1) {
            long total = cost + most * pack.priceXpf();
            if (total < bestCost[0]) {
                counts[i] = (int) most;
                bestCost[0] = total;
                System.arraycopy(counts, 0, best, 0, counts.length);
            }
            counts[i] = 0;
            return;
        }
        for (long n = most; n >= 0; n--) {
            counts[i] = (int) n;
            search(packs, i + 1, remaining - n * pack.dataBytes(), cost + n * pack.priceXpf(), counts, best, bestCost, steps);
        }
        counts[i] = 0;
    }
}
