package nc.esim.billing.renewal;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.billing.idempotency.IdempotencyKeys;
import nc.esim.billing.subscriptions.ValidIccid;

@Audited
@Path("/api/v1/subscriptions/{iccid}/renewals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "renewals")
public class RenewalResource {
    private final Renewals renewals;
    private final IdempotencyKeys idempotencyKeys;

    public RenewalResource(Renewals renewals, IdempotencyKeys idempotencyKeys) {
        this.renewals = renewals;
        this.idempotencyKeys = idempotencyKeys;
    }

    @POST
    @Transactional
    @Operation(summary = "Renew a subscription for one more period, safely retried with an Idempotency-Key",
            description = "The same Idempotency-Key with the same body returns the first receipt and charges nothing "
                    + "more; the same key with another body is refused (422). Keys are kept at least 24 hours.")
    @APIResponse(responseCode = "201", description = "Renewed; the receipt")
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    @APIResponse(responseCode = "409", description = "Expired beyond the grace period")
    @APIResponse(responseCode = "422", description = "Key reused for another request, plan not on sale, payment method not available")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public Response renew(@PathParam("iccid") @ValidIccid String iccid,
                          @Parameter(description = "unique per renewal; repeat it unchanged when retrying")
                          @HeaderParam("Idempotency-Key") String idempotencyKey,
                          @NotNull @Valid RenewalRequest request) {
        return idempotencyKeys.respondOnce("renewal:" + iccid, idempotencyKey, request, 201,
                () -> renewals.renew(iccid, request));
    }
}
