package nc.esim.billing.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.support.problems.Problems;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/exchange-rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class ExchangeRateResource {
    private final Clock clock;

    public ExchangeRateResource(Clock clock) {
        this.clock = clock;
    }

    /** A rate as the API shows it. */
    public record RateView(String currency, BigDecimal xpfPerUnit, int minorUnits, boolean pegged, Instant updatedAt) {
        static RateView of(ExchangeRate r) {
            return new RateView(r.currency, r.xpfPerUnit, r.minorUnits, r.pegged, r.updatedAt);
        }
    }

    /** Setting a rate: XPF for one unit of the currency, and the decimals of its amounts. */
    public record SetRate(@NotNull @DecimalMin(value = "0.00000001") BigDecimal xpfPerUnit,
                          @NotNull @Min(0) @Max(3) Integer minorUnits) {
    }

    @GET
    @Operation(operationId = "listExchangeRates", summary = "The currencies payments are accepted in besides XPF, with their rates",
            description = "XPF a unit of each currency, and its minor units. EUR is pegged (1 EUR = 119.33174 XPF).")
    @APIResponse(responseCode = "200", description = "The rates",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RateView.class)))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST, Roles.CUSTOMER})
    public List<RateView> rates() {
        return ExchangeRate.<ExchangeRate>list("order by currency").stream().map(RateView::of).toList();
    }

    @PUT
    @Path("/{currency}")
    @Transactional
    @Operation(operationId = "setExchangeRate", summary = "Set the rate of a currency (operators)",
            description = "Payments snapshot the rate of their moment: orders already placed keep theirs.")
    @APIResponse(responseCode = "200", description = "The rate now in force")
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code, or an invalid rate",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-currency", summary = "Invalid currency"),
                    @ExampleObject(name = "bad-request", summary = "Bad Request")}))
    @APIResponse(responseCode = "409", description = "EUR is fixed by the peg",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "rate-pegged", summary = "Rate fixed by a peg")))
    @RolesAllowed({Roles.OPERATOR})
    public RateView set(@PathParam("currency") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                        @NotNull @Valid SetRate request) {
        if ("XPF".equals(currency)) {
            throw Problems.of(400, "invalid-currency", "Invalid currency", "XPF is the base currency: it has no rate");
        }
        ExchangeRate rate = ExchangeRate.<ExchangeRate>findByIdOptional(currency).orElseGet(() -> {
            ExchangeRate created = new ExchangeRate();
            created.currency = currency;
            return created;
        });
        if (rate.pegged) {
            throw Problems.of(409, "rate-pegged", "Rate fixed by a peg",
                    currency + " is pegged (1 EUR = 119.33174 XPF); its rate cannot be changed");
        }
        rate.xpfPerUnit = request.xpfPerUnit();
        rate.minorUnits = request.minorUnits();
        rate.updatedAt = clock.instant();
        rate.persist();
        return RateView.of(rate);
    }
}
