package nc.esim.billing.orders;

import nc.esim.billing.catalog.AddOn;
import nc.esim.billing.catalog.Plan;

/**
 * What an order grants, copied from the catalog when the order is placed: an operator changing the
 * plan or add-on later changes what is sold from then on, never what was already bought. {@code days}
 * is a plan's validity or an extension's extra days.
 */
public record Grant(long dataBytes, long voiceSeconds, long smsCount, int days) {

    public static Grant of(Plan plan) {
        return new Grant(plan.dataBytes, plan.voiceSeconds, plan.smsCount, plan.validityDays);
    }

    public static Grant of(AddOn addOn) {
        return new Grant(addOn.dataBytes, 0, 0, addOn.extraDays);
    }

    /** The same grant with more data (a promotion's bonus). */
    public Grant plusData(long bonusBytes) {
        return new Grant(Math.addExact(dataBytes, bonusBytes), voiceSeconds, smsCount, days);
    }
}
