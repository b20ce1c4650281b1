package nc.esim.billing.catalog;

/** A plan as the catalog API shows it; the price is in minor units of {@code currency} (whole francs for XPF). */
public record PlanView(String code, String name, long dataBytes, long voiceSeconds, long smsCount, int validityDays,
                       long priceMinor, String currency) {

    static PlanView of(Plan plan) {
        return new PlanView(plan.code, plan.name, plan.dataBytes, plan.voiceSeconds, plan.smsCount, plan.validityDays,
                plan.priceMinor, plan.currency);
    }
}
