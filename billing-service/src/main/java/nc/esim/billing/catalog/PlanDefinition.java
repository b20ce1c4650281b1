package nc.esim.billing.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What an operator sets on a plan. The code is the plan's identity (in the path); the price is in whole
 * XPF. Only these fields bind: a retired flag or a currency in the body is ignored.
 */
public record PlanDefinition(@NotBlank @Size(max = 80) String name,
                             @NotNull @Min(0) Long dataBytes,
                             @Min(0) Long voiceSeconds,
                             @Min(0) Long smsCount,
                             @NotNull @Min(1) @Max(366) Integer validityDays,
                             @NotNull @Min(0) @Max(10_000_000) Long priceMinor) {

    void applyTo(Plan plan) {
        plan.name = name;
        plan.dataBytes = dataBytes;
        plan.voiceSeconds = voiceSeconds == null ? 0 : voiceSeconds;
        plan.smsCount = smsCount == null ? 0 : smsCount;
        plan.validityDays = validityDays;
        plan.priceMinor = priceMinor;
    }
}
