package nc.esim.billing.catalog;

import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.pricing.Pricing;
import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "What is on sale: plans, add-ons, promotions and exchange rates")
public class PlanResource {
    private final Pricing pricing;
    private final CatalogEditor<Plan> editor;

    public PlanResource(Pricing pricing, EntityManager entityManager, Clock clock) {
        this.pricing = pricing;
        this.editor = new CatalogEditor<>("plan", Plan.class, () -> {
            Plan plan = new Plan();
            plan.currency = "XPF";
            return plan;
        }, entityManager, clock);
    }

    @GET
    @Operation(operationId = "listPlans", summary = "The plans on sale, cheapest first",
            description = "Each with its quotas, validity and price in XPF, and with its price in each currency asked for "
                    + "(pricesIn), at today's rate and with the payment fee.")
    @APIResponse(responseCode = "200", description = "The plans")
    @APIResponse(responseCode = "400", description = "A currency that is not an ISO 4217 code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "422", description = "No exchange rate for a currency asked for",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST, Roles.CUSTOMER})
    public List<PlanView> plans(@Parameter(description = "ISO 4217 codes to show prices in, e.g. EUR (repeatable)")
                                @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies,
                                @Parameter(description = "also list retired plans (operators)")
                                @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired) {
        return Plan.<Plan>list((includeRetired ? "" : "retired = false ") + "order by priceMinor, code").stream()
                .map(plan -> PlanView.of(plan, pricing.quotes(plan.priceMinor, currencies))).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getPlan", summary = "One plan, retired or not",
            description = "With its price in each currency asked for.")
    @APIResponse(responseCode = "200", description = "The plan")
    @APIResponse(responseCode = "400", description = "An invalid code or currency",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No plan has this code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "plan-not-found", summary = "Plan not found")))
    @APIResponse(responseCode = "422", description = "No exchange rate for a currency asked for",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST, Roles.CUSTOMER})
    public PlanView plan(@PathParam("code") @CatalogCode String code,
                         @Parameter(description = "ISO 4217 codes to show prices in, e.g. EUR (repeatable)") @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies) {
        Plan plan = editor.find(code);
        return PlanView.of(plan, pricing.quotes(plan.priceMinor, currencies));
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "definePlan", summary = "Add a plan, or change one (operators)",
            description = "A change applies to what is sold from now on: orders already placed keep the quotas and "
                    + "price they were sold with. A retired plan cannot be changed.")
    @APIResponse(responseCode = "201",
            description = "Added",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or definition")
    @APIResponse(responseCode = "409", description = "The plan is retired",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "plan-retired", summary = "Plan retired")))
    @RolesAllowed({Roles.OPERATOR})
    public Response define(@PathParam("code") @CatalogCode String code, @NotNull @Valid PlanDefinition definition) {
        CatalogEditor.Defined<Plan> defined = editor.define(code, definition::applyTo);
        return Response.status(defined.added() ? 201 : 200).entity(PlanView.of(defined.entry(), List.of())).build();
    }

    @DELETE
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "retirePlan", summary = "Retire a plan (operators)",
            description = "It is no longer sold; subscriptions on it keep running and may still renew it.")
    @APIResponse(responseCode = "200", description = "Retired (retiring twice changes nothing)")
    @APIResponse(responseCode = "400", description = "An invalid code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No plan has this code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "plan-not-found", summary = "Plan not found")))
    @RolesAllowed({Roles.OPERATOR})
    public PlanView retire(@PathParam("code") @CatalogCode String code) {
        return PlanView.of(editor.retire(code), List.of());
    }
}
