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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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
@Path("/api/v1/subscriptions/{iccid}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "add-ons", description = "Data packs and validity extensions bought for a live subscription")
public class AddOnResource {
    private final AddOnPurchases purchases;
    private final IdempotencyKeys idempotencyKeys;
    private final Caller caller;

    public AddOnResource(AddOnPurchases purchases, IdempotencyKeys idempotencyKeys, Caller caller) {
        this.purchases = purchases;
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
    }

    @POST
    @Path("/top-ups")
    @Transactional
    @Operation(operationId = "topUp", summary = "Add a data pack until the subscription's current expiry",
            description = "Safely retried with the same Idempotency-Key: the same key and body return the first receipt and "
                    + "charge nothing more; the same key with another body is refused.")
    @APIResponse(responseCode = "201",
            description = "Bought; the receipt",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-required", summary = "Idempotency-Key required"),
                    @ExampleObject(name = "bad-request", summary = "Bad Request")}))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @APIResponse(responseCode = "409", description = "The subscription is not live",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-active", summary = "Subscription not active")))
    @APIResponse(responseCode = "422", description = "Key reused for another request, no such data pack on sale, or a currency not accepted",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-reused", summary = "Idempotency-Key reused"),
                    @ExampleObject(name = "add-on-not-on-sale", summary = "Add-on not on sale"),
                    @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted"),
                    @ExampleObject(name = "channel-mismatch", summary = "Channel mismatch")}))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.CUSTOMER})
    public Response topUp(@PathParam("iccid") @ValidIccid String iccid,
                          @Parameter(required = true, description = "Unique per purchase (a UUID, say); send it again unchanged when retrying the same purchase. "
                                  + "Kept at least 24 hours")
                          @HeaderParam("Idempotency-Key") String key,
                          @NotNull @Valid AddOnRequest request) {
        CustomerChannels.check(caller, request.channel());
        return idempotencyKeys.respondOnce("top-up:" + iccid, key, request, 201, () -> purchases.topUp(iccid, request));
    }

    @POST
    @Path("/extensions")
    @Transactional
    @Operation(operationId = "extendValidity", summary = "Extend the subscription's validity by the add-on's days",
            description = "Safely retried with the same Idempotency-Key, as a top-up is.")
    @APIResponse(responseCode = "201",
            description = "Extended; the receipt",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, invalid ICCID or body",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-required", summary = "Idempotency-Key required"),
                    @ExampleObject(name = "bad-request", summary = "Bad Request")}))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @APIResponse(responseCode = "409", description = "The subscription is not live",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-active", summary = "Subscription not active")))
    @APIResponse(responseCode = "422", description = "Key reused for another request, no such extension on sale, or a currency not accepted",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "idempotency-key-reused", summary = "Idempotency-Key reused"),
                    @ExampleObject(name = "add-on-not-on-sale", summary = "Add-on not on sale"),
                    @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted"),
                    @ExampleObject(name = "channel-mismatch", summary = "Channel mismatch")}))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.CUSTOMER})
    public Response extend(@PathParam("iccid") @ValidIccid String iccid,
                           @Parameter(required = true, description = "Unique per purchase (a UUID, say); send it again unchanged when retrying the same purchase. "
                                  + "Kept at least 24 hours")
                           @HeaderParam("Idempotency-Key") String key,
                           @NotNull @Valid AddOnRequest request) {
        CustomerChannels.check(caller, request.channel());
        return idempotencyKeys.respondOnce("extension:" + iccid, key, request, 201, () -> purchases.extend(iccid, request));
    }
}
