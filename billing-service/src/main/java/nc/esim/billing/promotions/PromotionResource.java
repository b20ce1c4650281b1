package nc.esim.billing.promotions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.billing.catalog.CatalogCode;
import nc.esim.billing.catalog.CatalogEditor;

@Audited
@Path("/api/v1/promotions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class PromotionResource {
    private final CatalogEditor<Promotion> editor;

    public PromotionResource(EntityManager entityManager, Clock clock) {
        this.editor = new CatalogEditor<>("promotion", Promotion.class, Promotion::new, entityManager, clock);
    }

    /** A promotion as the API shows it. */
    public record PromotionView(String code, String name, Promotion.Kind kind, long bonusDataBytes, int discountPercent,
                                int earlyRenewalsInARow, Instant validFrom, Instant validUntil, boolean retired) {
        static PromotionView of(Promotion p) {
            return new PromotionView(p.code, p.name, p.kind, p.bonusDataBytes, p.discountPercent, p.earlyRenewalsInARow,
                    p.validFrom, p.validUntil, p.retired);
        }
    }

    @GET
    @Operation(summary = "Every promotion, past, live and future, newest first")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPPORT_DESK})
    public List<PromotionView> promotions() {
        return Promotion.<Promotion>list("order by validFrom desc, code").stream().map(PromotionView::of).toList();
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @Operation(summary = "Add a promotion, or change one (operators); orders already placed keep what they got")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid code or definition")
    @APIResponse(responseCode = "409", description = "The promotion is retired")
    @RolesAllowed({Roles.OPERATOR})
    public Response define(@PathParam("code") @CatalogCode String code, @NotNull @Valid PromotionDefinition definition) {
        CatalogEditor.Defined<Promotion> defined = editor.define(code, definition::applyTo);
        return Response.status(defined.added() ? 201 : 200).entity(PromotionView.of(defined.entry())).build();
    }

    @DELETE
    @Path("/{code}")
    @Transactional
    @Operation(summary = "Retire a promotion (operators): no order gets it from now on")
    @APIResponse(responseCode = "200", description = "Retired (retiring twice changes nothing)")
    @APIResponse(responseCode = "404", description = "No promotion has this code")
    @RolesAllowed({Roles.OPERATOR})
    public PromotionView retire(@PathParam("code") @CatalogCode String code) {
        return PromotionView.of(editor.retire(code));
    }
}
