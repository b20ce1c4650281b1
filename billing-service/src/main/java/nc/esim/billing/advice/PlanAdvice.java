package nc.esim.billing.advice;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * "What should I buy next?" for one subscription: its usage over a period, what was paid in it, what
 * each plan on sale today would have cost for the same usage, and the cheapest.
 *
 * @param from            the first Pacific/Noumea day of the period (not before the subscription's activation)
 * @param to              its last day, yesterday (the closed days usage-service has reported); before
 *                        {@code from}, with {@code days} 0 and no options, for a line activated today
 * @param paid            the confirmed orders placed within the period, at their price less discounts
 *                        (conversion fees left out: the alternatives have none either)
 * @param currentPlanCode the plan of the subscription's current period
 * @param options         each plan on sale, with its cheapest way to cover the usage, cheapest first
 * @param cheapest        the cheapest option that covers the usage; absent when none does
 * @param saving          paid less the cheapest option's cost; zero or less when nothing on sale is cheaper
 * @param explanation     the advice in one sentence a support-desk agent can read out
 */
public record PlanAdvice(String iccid, LocalDate from, LocalDate to, int days, Usage usage, Amount paid,
                         int ordersInPeriod, String currentPlanCode, List<Option> options, Option cheapest, Amount saving,
                         String explanation) {

    /** @param daysWithUsage days of the period that usage-service reported usage for */
    @Schema(name = "AdvisedUsage", description = "What the subscription used over the period")
    public record Usage(long dataBytes, long voiceSeconds, long smsCount, int daysWithUsage) {
    }

    /**
     * @param xpf         the amount in whole XPF
     * @param currency    the currency asked for, at today's rate; absent when none was asked for
     * @param amountMinor the amount in minor units of that currency, rounded half up; absent likewise
     */
    @Schema(name = "AdvisedAmount", description = "An amount in whole XPF, and in the currency asked for at today's rate")
    public record Amount(long xpf, String currency, Long amountMinor) {
    }

    /** @param count how many of this pack the option buys over the whole period */
    public record PackCount(String addOnCode, String name, int count) {
    }

    /**
     * One plan on sale and how it would have covered the usage.
     *
     * @param covers             false when no mix of add-ons on sale makes it cover the usage; {@code reason} says why
     * @param purchases          how many times the plan is bought, back to back from the first day
     * @param daysEach           the days one purchase lasts, extensions included
     * @param extensionCode      the validity extension bought with each purchase; absent when none
     * @param extensionsEach     how many of it each purchase takes
     * @param dataPacks          the data packs bought over the period
     * @param cost               the catalog prices of all of it; zero when it does not cover
     * @param description        the combination in words
     */
    @Schema(name = "AdvisedOption", description = "What one plan on sale would have cost for the same usage")
    public record Option(String planCode, String planName, boolean covers, String reason, int purchases, int daysEach,
                         String extensionCode, int extensionsEach, List<PackCount> dataPacks, Amount cost,
                         String description) {
    }
}
