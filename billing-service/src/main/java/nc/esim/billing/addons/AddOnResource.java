package nc.esim.billing.addons;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import nc.esim.billing.idempotency.IdempotencyKeys;
import nc.esim.billing.subscriptions.ValidIccid;

@Audited
@Path("/api/v1/subscriptions/{iccid}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "add-ons")
public class AddOnResource {
    private final AddOnPurchases purchases;
    private final IdempotencyKeys idempotencyKeys;

    public AddOnResource(AddOnPurchases purchases, IdempotencyKeys idempotencyKeys) {
        this.purchases = purchases;
        this.idempotencyKeys = idempotencyKeys;
    }

    @POST
    @Path("/top-ups")
    @Transactional
    @Operation(summary = "Add a data pack until the subscription's current expiry (Idempotency-Key required)")
    @APIResponse(responseCode = "201", description = "Bought; the receipt")
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    @APIResponse(responseCode = "409", description = "The subscription is not live")
    @APIResponse(responseCode = "422", description = "Key reused for another request, no such data pack on sale, payment method not available")
    @RolesAllowed({Roles.PARTNER_SHOP})
    public Response topUp(@PathParam("iccid") @ValidIccid String iccid, @HeaderParam("Idempotency-Key") String key,
                          @NotNull @Valid AddOnRequest request) {
        return idempotencyKeys.respondOnce("top-up:" + iccid, key, request, 201, () -> purchases.topUp(iccid, request));
    }

    @POST
    @Path("/extensions")
    @Transactional
    @Operation(summary = "Extend the subscription's validity by the add-on's days (Idempotency-Key required)")
    @APIResponse(responseCode = "201", description = "Extended; the receipt")
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    @APIResponse(responseCode = "409", description = "The subscription is not live")
    @APIResponse(responseCode = "422", description = "Key reused for another request, no such extension on sale, payment method not available")
    @RolesAllowed({Roles.PARTNER_SHOP})
    public Response extend(@PathParam("iccid") @ValidIccid String iccid, @HeaderParam("Idempotency-Key") String key,
                           @NotNull @Valid AddOnRequest request) {
        return idempotencyKeys.respondOnce("extension:" + iccid, key, request, 201, () -> purchases.extend(iccid, request));
    }
}
