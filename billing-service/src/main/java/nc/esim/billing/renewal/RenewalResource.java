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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.orders.Receipt;
import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;
import nc.esim.billing.idempotency.IdempotencyKeys;
import nc.esim.billing.subscriptions.CustomerChannels;
import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.support.security.Caller;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/subscriptions/{iccid}/renewals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "renewals", description = "Renewing a subscription for one more period, by hand or automatically")
public class RenewalResource {
    private final Renewals renewals;
    private final IdempotencyKeys idempotencyKeys;
    private final Caller caller;

    public RenewalResource(Renewals renewals, IdempotencyKeys idempotencyKeys, Caller caller) {
        this.renewals = renewals;
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
    }

    @POST
    @Transactional
    @Operation(operationId = "renewSubscription", summary = "Renew a subscription for one more period",
            description = "The same Idempotency-Key with the same body returns the first receipt and charges nothing "
                    + "more; the same key with another body is refused (422). Keys are kept at least 24 hours.")
    @APIResponse(responseCode = "201",
            description = "Renewed; the receipt (AWAITING_PAYMENT until the provider confirms, for the methods that need it)",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-required", summary = "Idempotency-Key required"),
                    @ExampleObject(name = "bad-request", summary = "Bad Request")}))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @APIResponse(responseCode = "409", description = "Expired beyond the grace period, or as many periods as may be "
            + "(billing.renewal.max-periods-ahead, 2) are bought ahead already",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "grace-period-over", summary = "Grace period over"),
                    @ExampleObject(name = "too-far-ahead", summary = "Renewed too far ahead")}))
    @APIResponse(responseCode = "422", description = "Key reused for another request, plan not on sale, a currency not accepted, "
            + "or a customer's body naming another channel than its token",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-reused", summary = "Idempotency-Key reused"),
                    @ExampleObject(name = "plan-not-on-sale", summary = "Plan not on sale"),
                    @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted"),
                    @ExampleObject(name = "channel-mismatch", summary = "Channel mismatch")}))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public Response renew(@PathParam("iccid") @ValidIccid String iccid,
                          @Parameter(required = true, description = "Unique per purchase (a UUID, say); send it again unchanged when retrying the same purchase. "
                                  + "Kept at least 24 hours")
                          @HeaderParam("Idempotency-Key") String idempotencyKey,
                          @NotNull @Valid RenewalRequest request) {
        CustomerChannels.check(caller, request.channel());
        return idempotencyKeys.respondOnce("renewal:" + iccid, idempotencyKey, request, 201,
                () -> renewals.renew(iccid, request));
    }
}
