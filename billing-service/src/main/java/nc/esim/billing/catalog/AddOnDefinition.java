package nc.esim.billing.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an operator sets on an add-on: a data pack has data and no days, an extension days and no data.
 * The price is in whole XPF.
 */
public record AddOnDefinition(@NotBlank @Size(max = 80) String name,
                              @NotNull AddOn.Kind kind,
                              @Min(0) Long dataBytes,
                              @Min(0) @Max(366) Integer extraDays,
                              @NotNull @Min(0) @Max(10_000_000) Long priceMinor) {

    @AssertTrue(message = "a DATA_PACK needs dataBytes > 0 and no extraDays; an EXTENSION needs extraDays > 0 and no dataBytes")
    // a check, not a field: kept out of the OpenAPI schema, and refused if a client sends it
    @Schema(hidden = true)
    public boolean isConsistent() {
        long data = dataBytes == null ? 0 : dataBytes;
        int days = extraDays == null ? 0 : extraDays;
        return kind == null || (kind == AddOn.Kind.DATA_PACK ? data > 0 && days == 0 : days > 0 && data == 0);
    }

    void applyTo(AddOn addOn) {
        addOn.name = name;
        addOn.kind = kind;
        addOn.dataBytes = dataBytes == null ? 0 : dataBytes;
        addOn.extraDays = extraDays == null ? 0 : extraDays;
        addOn.priceMinor = priceMinor;
    }
}
