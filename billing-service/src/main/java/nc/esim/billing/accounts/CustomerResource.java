package nc.esim.billing.accounts;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.support.audit.Audited;
import nc.esim.support.security.Caller;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

/**
 * The customer's own account, for the operator's app and website: the eSIMs bound to it, and binding one
 * with a code sent by SMS to its line. The account is the token's subject; staff tokens get 403 here.
 */
@Audited
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customer", description = "A customer's own account and eSIMs (customer tokens only)")
public class CustomerResource {
    private final EsimBindings bindings;
    private final MyEsims esims;
    private final Caller caller;

    public CustomerResource(EsimBindings bindings, MyEsims esims, Caller caller) {
        this.bindings = bindings;
        this.esims = esims;
        this.caller = caller;
    }

    @GET
    @Path("/esims")
    @Operation(operationId = "listMyEsims", summary = "The account's eSIMs: status, what is left, validity and the renew price",
            description = "One call for the app's home screen. `left` is what usage-service last told (its `asOf`, "
                    + "seconds old while the line is used), null until it has; `renewal` is what renewing the plan "
                    + "costs now in XPF, null once the grace period is over.")
    @APIResponse(responseCode = "200", description = "The eSIMs bound to the account, oldest binding first",
            content = @Content(schema = @Schema(implementation = MyEsim.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @RolesAllowed(Roles.CUSTOMER)
    public List<MyEsim> myEsims() {
        return esims.of(caller.name());
    }

    @POST
    @Path("/bindings")
    @Operation(operationId = "requestBindingCode", summary = "Send a one-time code by SMS to a line, to bind its eSIM",
            description = "The answer is the same whether the number has a subscription or not; only its holder receives "
                    + "a code (6 digits, valid 10 minutes). At most 5 codes an hour per account and 3 per number, "
                    + "whoever asks.")
    @APIResponse(responseCode = "202", description = "A code is on its way if the number is ours",
            content = @Content(schema = @Schema(implementation = ChallengeView.class)))
    @APIResponse(responseCode = "400", description = "Not a +687 number, an EID of 32 digits or a nickname of 40 characters",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "409", description = "The line's eSIM is on this account already",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "already-bound", summary = "Already bound")))
    @APIResponse(responseCode = "429", description = "Too many codes asked for this account or this number in the last hour (Retry-After)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "too-many-codes", summary = "Too many codes")))
    @APIResponse(responseCode = "503", description = "The code could not be handed to the SMS service, or binding is not configured",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "code-not-sent", summary = "Code not sent"),
                    @ExampleObject(name = "bindings-unavailable", summary = "Binding unavailable")}))
    @RolesAllowed(Roles.CUSTOMER)
    public Response requestCode(@NotNull @Valid BindingRequest request) {
        return Response.accepted(bindings.request(caller.name(), request)).build();
    }

    @POST
    @Path("/bindings/confirm")
    @Operation(operationId = "confirmBinding", summary = "Bind the eSIM with the code the SMS gave",
            description = "A code binds once. 5 wrong codes lock the challenge. An eSIM bound to another account moves "
                    + "to this one: the line's holder proved it holds it.")
    @APIResponse(responseCode = "201", description = "Bound",
            content = @Content(schema = @Schema(implementation = BindingView.class)))
    @APIResponse(responseCode = "400", description = "No challenge id, or a code that is not 6 digits",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No such challenge on this account",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "challenge-not-found", summary = "Challenge not found")))
    @APIResponse(responseCode = "409", description = "The code was used already, the challenge is locked, or its code was never sent",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "challenge-used", summary = "Challenge used"),
                    @ExampleObject(name = "challenge-locked", summary = "Challenge locked"),
                    @ExampleObject(name = "challenge-void", summary = "Challenge void")}))
    @APIResponse(responseCode = "410", description = "The code expired",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "code-expired", summary = "Code expired")))
    @APIResponse(responseCode = "422", description = "Not the code sent (triesLeft says how many tries remain)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "wrong-code", summary = "Wrong code")))
    @RolesAllowed(Roles.CUSTOMER)
    public Response confirm(@NotNull @Valid BindingConfirmation confirmation) {
        return Response.status(201).entity(bindings.confirm(caller.name(), confirmation)).build();
    }

    @DELETE
    @Path("/esims/{iccid}")
    @Operation(operationId = "unbindEsim", summary = "Take an eSIM off the account")
    @APIResponse(responseCode = "204", description = "Unbound")
    @APIResponse(responseCode = "400", description = "Not a valid ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "Not an eSIM of this account",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed(Roles.CUSTOMER)
    public Response unbind(@PathParam("iccid") @ValidIccid String iccid) {
        if (!bindings.unbind(caller.name(), iccid)) {
            throw BillingBoundEsims.notFound();
        }
        return Response.noContent().build();
    }
}
