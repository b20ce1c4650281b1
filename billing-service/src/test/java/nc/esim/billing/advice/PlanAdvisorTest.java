package nc.esim.billing.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nc.esim.billing.advice.PlanAdvisor.ExtensionOffer;
import nc.esim.billing.advice.PlanAdvisor.Option;
import nc.esim.billing.advice.PlanAdvisor.PackOffer;
import nc.esim.billing.advice.PlanAdvisor.PlanOffer;

/**
 * The advisor against a catalog and usage computed by hand, to the franc (MB = 2^20 bytes, GB = 2^30):
 * <pre>
 * S7   7 days,  1 GB,   60 min,  50 SMS, 1,000 XPF     P1  data pack 1 GB  800 XPF
 * M30  30 days, 5 GB,  300 min, 200 SMS, 3,500 XPF     P5  data pack 5 GB 2,500 XPF
 * L30  30 days, 20 GB, 1000 min, 500 SMS, 6,000 XPF    E7  7 more days     900 XPF
 * </pre>
 */
class PlanAdvisorTest {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    private static final LocalDate FROM = LocalDate.of(2026, 11, 3);
    private static final LocalDate TO = FROM.plusDays(29);
    private static final PlanOffer S7 = new PlanOffer("S7", "Small 7 days", GB, 60 * 60, 50, 7, 1_000);
    private static final PlanOffer M30 = new PlanOffer("M30", "Medium 30 days", 5 * GB, 300 * 60, 200, 30, 3_500);
    private static final PlanOffer L30 = new PlanOffer("L30", "Large 30 days", 20 * GB, 1000 * 60, 500, 30, 6_000);
    private static final PackOffer P1 = new PackOffer("P1", "Data pack 1 GB", GB, 800);
    private static final PackOffer P5 = new PackOffer("P5", "Data pack 5 GB", 5 * GB, 2_500);
    private static final ExtensionOffer E7 = new ExtensionOffer("E7", "Seven more days", 7, 900);

    private static Map<LocalDate, UsageProfiles.Day> everyDay(long dataBytes) {
        Map<LocalDate, UsageProfiles.Day> days = new HashMap<>();
        for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
            days.put(day, new UsageProfiles.Day(day, dataBytes, 0, 0));
        }
        return days;
    }

    private static Map<String, Option> advise(Map<LocalDate, UsageProfiles.Day> days) {
        Map<String, Option> byPlan = new HashMap<>();
        PlanAdvisor.options(FROM, TO, days, List.of(S7, M30, L30), List.of(P1, P5), List.of(E7))
                .forEach(option -> byPlan.put(option.plan().code(), option));
        return byPlan;
    }

    @Test
    void aLightUserOnABigPlanIsShownTheSmallerPlanThatCoversTheSameUsage() {
        // 100 MB a day, 10 minutes and 5 SMS on the first day: 3,000 MB in 30 days
        Map<LocalDate, UsageProfiles.Day> days = everyDay(100 * MB);
        days.put(FROM, new UsageProfiles.Day(FROM, 100 * MB, 600, 5));
        Map<String, Option> options = advise(days);

        // S7 bought 5 times (days 1-7, …, 29-30), 700 MB a week within its 1 GB: 5,000. With E7 each time
        // the cycles hold more than 1 GB and need packs: 14 days 7,300; 21 days 7,200; 28 days 9,000;
        // 35 days 1,000 + 4 × 900 + 2 × P1 = 6,200. So plain S7 it is.
        assertThat(options.get("S7").costXpf()).isEqualTo(5_000);
        assertThat(options.get("S7").purchases()).isEqualTo(5);
        assertThat(options.get("S7").extension()).isNull();
        assertThat(options.get("M30").costXpf()).isEqualTo(3_500);
        assertThat(options.get("M30").dataPacks()).isEmpty();
        assertThat(options.get("L30").costXpf()).isEqualTo(6_000);
        assertThat(options.values()).allMatch(Option::covers);
    }

    @Test
    void aHeavyUserBuyingManyPacksIsShownTheBiggerPlan() {
        // 500 MB a day: 15,000 MB in 30 days
        Map<String, Option> options = advise(everyDay(500 * MB));

        // M30 holds 5,120 MB: 9,880 MB more, two P5 (10,240 MB, 5,000) beat P5 + 5 × P1 (6,500) and 10 × P1 (8,000)
        assertThat(options.get("M30").costXpf()).isEqualTo(3_500 + 5_000);
        assertThat(options.get("M30").dataPacks()).containsExactly(Map.entry(P5, 2));
        // L30's 20 GB hold it all
        assertThat(options.get("L30").costXpf()).isEqualTo(6_000);
        assertThat(options.get("L30").dataPacks()).isEmpty();
        // S7: 5 purchases, 3,500 MB a week (2,476 MB over: 3 × P1 = 2,400 beats P5) but the last 2 days
        // (1,000 MB) fit: 14,600; the cheapest with extensions is one 35-day purchase, 1,000 + 4 × 900,
        // with 13,976 MB over: 3 × P5 (7,500) beats 2 × P5 + 4 × P1 (8,200): 12,100
        assertThat(options.get("S7").costXpf()).isEqualTo(12_100);
        assertThat(options.get("S7").extension()).isEqualTo(E7);
        assertThat(options.get("S7").extensionsPerPurchase()).isEqualTo(4);
        assertThat(options.get("S7").dataPacks()).containsExactly(Map.entry(P5, 3));
    }

    @Test
    void aUserTheCurrentPlanAlreadyFitsIsToldSoAndAPlanShortOfMinutesDoesNotCover() {
        // 100 MB a day and 120 minutes of calls on the first day: more than S7's 60 minutes in its first week
        Map<LocalDate, UsageProfiles.Day> days = everyDay(100 * MB);
        days.put(FROM, new UsageProfiles.Day(FROM, 100 * MB, 120 * 60, 0));
        Map<String, Option> options = advise(days);

        assertThat(options.get("S7").covers()).isFalse();
        assertThat(options.get("S7").reason()).isEqualTo("its 60 minutes of calls are fewer than were used");
        assertThat(options.get("M30").costXpf()).isEqualTo(3_500);

        PlanAdvice.Option m30 = new PlanAdvice.Option("M30", "Medium 30 days", true, null, 1, 30, null, 0, List.of(),
                new PlanAdvice.Amount(3_500, null, null), PlanAdviceQuery.describe(options.get("M30")));
        String sentence = PlanAdviceQuery.explanation(FROM, TO, 30, new PlanAdvice.Usage(3000 * MB, 120 * 60, 0, 30),
                3_500, "M30", m30, 0);
        assertThat(sentence).isEqualTo("Over the 30 days from 2026-11-03 to 2026-12-02 this line used 2.9 GB of data, "
                + "120 minutes of calls and 0 SMS, and 3,500 XPF was paid; the current plan already fits best: "
                + "Medium 30 days once comes to 3,500 XPF.");
    }

    @Test
    void theAdviceSentenceNamesTheCombinationAndTheSaving() {
        Map<String, Option> options = advise(everyDay(500 * MB));
        Option s7 = options.get("S7");
        assertThat(PlanAdviceQuery.describe(s7))
                .isEqualTo("Small 7 days once, with 4 × Seven more days and 3 × Data pack 5 GB");
        Option l30 = options.get("L30");
        PlanAdvice.Option cheapest = new PlanAdvice.Option("L30", "Large 30 days", true, null, 1, 30, null, 0, List.of(),
                new PlanAdvice.Amount(6_000, null, null), PlanAdviceQuery.describe(l30));
        assertThat(PlanAdviceQuery.explanation(FROM, TO, 30, new PlanAdvice.Usage(15_000 * MB, 0, 0, 30), 11_500, "M30",
                cheapest, 5_500)).endsWith("and 11,500 XPF was paid; Large 30 days once would have covered it for "
                + "6,000 XPF, 5,500 XPF less.");
    }

    @Test
    void theCheapestPackMixIsFoundNotJustTheCheapestPerByte() {
        // 6 GB over: P5 + P1 (3,300) beats 2 × P5 (5,000) and 6 × P1 (4,800)
        PlanAdvisor.PackMix mix = PlanAdvisor.cheapestMix(List.of(P5, P1), 6 * GB);
        assertThat(mix.cost()).isEqualTo(3_300);
        assertThat(mix.counts()).containsExactly(Map.entry(P5, 1), Map.entry(P1, 1));
    }
}
