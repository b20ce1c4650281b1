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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.billing.payments.Pricing;

@Audited
@Path("/api/v1/add-ons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
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
    @Operation(summary = "The add-ons on sale (data packs and extensions), cheapest first, with their prices in other currencies on request")
    @APIResponse(responseCode = "200", description = "The add-ons")
    @APIResponse(responseCode = "422", description = "No exchange rate for a currency asked for")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST})
    public List<AddOnView> addOns(@Parameter(description = "ISO 4217 codes to show prices in, e.g. EUR (repeatable)")
                                @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies,
                                @Parameter(description = "also list retired add-ons (operators)")
                                @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired) {
        return AddOn.<AddOn>list((includeRetired ? "" : "retired = false ") + "order by priceMinor, code").stream()
                .map(addOn -> AddOnView.of(addOn, pricing.quotes(addOn.priceMinor, currencies))).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One add-on, retired or not")
    @APIResponse(responseCode = "200", description = "The add-on")
    @APIResponse(responseCode = "404", description = "No add-on has this code")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST})
    public AddOnView addOn(@PathParam("code") @CatalogCode String code, @QueryParam("currency") List<@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String> currencies) {
        AddOn addOn = editor.find(code);
        return AddOnView.of(addOn, pricing.quotes(addOn.priceMinor, currencies));
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @Operation(summary = "Add an add-on, or change one (operators)",
            description = "A change applies to what is sold from now on: orders already placed keep what they "
                    + "were sold with. A retired add-on cannot be changed.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid code or definition")
    @APIResponse(responseCode = "409", description = "The add-on is retired")
    @RolesAllowed({Roles.OPERATOR})
    public Response define(@PathParam("code") @CatalogCode String code, @NotNull @Valid AddOnDefinition definition) {
        CatalogEditor.Defined<AddOn> defined = editor.define(code, definition::applyTo);
        return Response.status(defined.added() ? 201 : 200).entity(AddOnView.of(defined.entry(), List.of())).build();
    }

    @DELETE
    @Path("/{code}")
    @Transactional
    @Operation(summary = "Retire an add-on (operators)",
            description = "It is no longer sold; what was bought with it keeps running.")
    @APIResponse(responseCode = "200", description = "Retired (retiring twice changes nothing)")
    @APIResponse(responseCode = "404", description = "No add-on has this code")
    @RolesAllowed({Roles.OPERATOR})
    public AddOnView retire(@PathParam("code") @CatalogCode String code) {
        return AddOnView.of(editor.retire(code), List.of());
    }
}
