package nc.esim.billing.promotions;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an operator sets on a promotion: a first-top-up bonus has bonus data; an early-renewal discount
 * has a percentage and the number of early renewals in a row it takes.
 */
public record PromotionDefinition(@NotBlank @Size(max = 120) String name,
                                  @NotNull Promotion.Kind kind,
                                  @Min(0) Long bonusDataBytes,
                                  @Min(0) @Max(100) Integer discountPercent,
                                  @Min(0) @Max(100) Integer earlyRenewalsInARow,
                                  @NotNull Instant validFrom,
                                  @NotNull Instant validUntil) {

    @AssertTrue(message = "a FIRST_TOP_UP_BONUS needs bonusDataBytes > 0 and no discount; an EARLY_RENEWAL_DISCOUNT "
            + "needs discountPercent > 0, earlyRenewalsInARow > 0 and no bonus")
    // a check, not a field: kept out of the OpenAPI schema, and refused if a client sends it
    @Schema(hidden = true)
    public boolean isConsistent() {
        long bonus = bonusDataBytes == null ? 0 : bonusDataBytes;
        int percent = discountPercent == null ? 0 : discountPercent;
        int inARow = earlyRenewalsInARow == null ? 0 : earlyRenewalsInARow;
        return kind == null || (kind == Promotion.Kind.FIRST_TOP_UP_BONUS ? bonus > 0 && percent == 0
                : percent > 0 && inARow > 0 && bonus == 0);
    }

    @AssertTrue(message = "validUntil must be after validFrom")
    // a check, not a field: kept out of the OpenAPI schema, and refused if a client sends it
    @Schema(hidden = true)
    public boolean isAPeriod() {
        return validFrom == null || validUntil == null || validUntil.isAfter(validFrom);
    }

    void applyTo(Promotion promotion) {
        promotion.name = name;
        promotion.kind = kind;
        promotion.bonusDataBytes = bonusDataBytes == null ? 0 : bonusDataBytes;
        promotion.discountPercent = discountPercent == null ? 0 : discountPercent;
        promotion.earlyRenewalsInARow = earlyRenewalsInARow == null ? 0 : earlyRenewalsInARow;
        promotion.validFrom = validFrom;
        promotion.validUntil = validUntil;
    }
}
