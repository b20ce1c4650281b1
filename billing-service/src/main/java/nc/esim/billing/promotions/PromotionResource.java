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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.billing.catalog.CatalogCode;
import nc.esim.billing.catalog.CatalogEditor;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/promotions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "What is on sale: plans, add-ons, promotions and exchange rates")
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
    @Operation(operationId = "listPromotions", summary = "Every promotion, past, live and future, newest first",
            description = "First top-up bonuses and early-renewal discounts, with the Nouméa days they run.")
    @APIResponse(responseCode = "200", description = "The promotions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PromotionView.class)))
    @RolesAllowed({Roles.OPERATOR, Roles.SUPPORT_DESK})
    public List<PromotionView> promotions() {
        return Promotion.<Promotion>list("order by validFrom desc, code").stream().map(PromotionView::of).toList();
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "definePromotion", summary = "Add a promotion, or change one (operators)",
            description = "Orders already placed keep what they got. A retired promotion cannot be changed.")
    @APIResponse(responseCode = "201",
            description = "Added",
            content = @Content(schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or definition")
    @APIResponse(responseCode = "409", description = "The promotion is retired",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "promotion-retired", summary = "Promotion retired")))
    @RolesAllowed({Roles.OPERATOR})
    public Response define(@PathParam("code") @CatalogCode String code, @NotNull @Valid PromotionDefinition definition) {
        CatalogEditor.Defined<Promotion> defined = editor.define(code, definition::applyTo);
        return Response.status(defined.added() ? 201 : 200).entity(PromotionView.of(defined.entry())).build();
    }

    @DELETE
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "retirePromotion", summary = "Retire a promotion (operators)",
            description = "No order gets it from now on; orders that had it keep it.")
    @APIResponse(responseCode = "200", description = "Retired (retiring twice changes nothing)")
    @APIResponse(responseCode = "400", description = "An invalid code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No promotion has this code",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "promotion-not-found", summary = "Promotion not found")))
    @RolesAllowed({Roles.OPERATOR})
    public PromotionView retire(@PathParam("code") @CatalogCode String code) {
        return PromotionView.of(editor.retire(code));
    }
}
