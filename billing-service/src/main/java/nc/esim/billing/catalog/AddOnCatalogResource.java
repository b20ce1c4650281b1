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
@Path("/api/v1/add-ons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "What is on sale: plans, add-ons, promotions and exchange rates")
public class AddOnCatalogResource {
    private final Pricing pricing;
    private final CatalogEditor<AddOn> editor;

    public AddOnCatalogResource(Pricing pricing, EntityManager entityManager, Clock clock) {
        this.pricing = pricing;
        this.editor = new CatalogEditor<>("add-on", AddOn.class, () -> {
            AddOn addOn = new AddOn();
            addOn.currency = "XPF";
            return addOn;
        }, entityManager, clock);
    }

    @GET
    @Operation(operationId = "listAddOns", summary = "The add-ons on sale (data packs and extensions), cheapest first",
            description = "Each with its data or extra days and its price in XPF, and with its price in each currency asked for (pricesIn).")
    @APIResponse(responseCode = "200", description = "The add-ons")
    @APIResponse(responseCode = "400", description = "A currency that is not an ISO 4217 code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "422", description = "No exchange rate for a currency asked for",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST, Roles.CUSTOMER})
    public List<AddOnView> addOns(@Parameter(description = "ISO 4217 codes to show prices in, e.g. EUR (repeatable)")
                                @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies,
                                @Parameter(description = "also list retired add-ons (operators)")
                                @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired) {
        return AddOn.<AddOn>list((includeRetired ? "" : "retired = false ") + "order by priceMinor, code").stream()
                .map(addOn -> AddOnView.of(addOn, pricing.quotes(addOn.priceMinor, currencies))).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getAddOn", summary = "One add-on, retired or not",
            description = "With its price in each currency asked for.")
    @APIResponse(responseCode = "200", description = "The add-on")
    @APIResponse(responseCode = "400", description = "An invalid code or currency",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No add-on has this code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "add-on-not-found", summary = "Add-on not found")))
    @APIResponse(responseCode = "422", description = "No exchange rate for a currency asked for",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST, Roles.CUSTOMER})
    public AddOnView addOn(@PathParam("code") @CatalogCode String code,
                           @Parameter(description = "ISO 4217 codes to show prices in, e.g. EUR (repeatable)") @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies) {
        AddOn addOn = editor.find(code);
        return AddOnView.of(addOn, pricing.quotes(addOn.priceMinor, currencies));
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "defineAddOn", summary = "Add an add-on, or change one (operators)",
            description = "A change applies to what is sold from now on: orders already placed keep what they "
                    + "were sold with. A retired add-on cannot be changed.")
    @APIResponse(responseCode = "201",
            description = "Added",
            content = @Content(schema = @Schema(implementation = AddOnView.class)))
    @APIResponse(responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = AddOnView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or definition")
    @APIResponse(responseCode = "409", description = "The add-on is retired",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "add-on-retired", summary = "Add-on retired")))
    @RolesAllowed({Roles.OPERATOR})
    public Response define(@PathParam("code") @CatalogCode String code, @NotNull @Valid AddOnDefinition definition) {
        CatalogEditor.Defined<AddOn> defined = editor.define(code, definition::applyTo);
        return Response.status(defined.added() ? 201 : 200).entity(AddOnView.of(defined.entry(), List.of())).build();
    }

    @DELETE
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "retireAddOn", summary = "Retire an add-on (operators)",
            description = "It is no longer sold; what was bought with it keeps running.")
    @APIResponse(responseCode = "200", description = "Retired (retiring twice changes nothing)")
    @APIResponse(responseCode = "400", description = "An invalid code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No add-on has this code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "add-on-not-found", summary = "Add-on not found")))
    @RolesAllowed({Roles.OPERATOR})
    public AddOnView retire(@PathParam("code") @CatalogCode String code) {
        return AddOnView.of(editor.retire(code), List.of());
    }
}
