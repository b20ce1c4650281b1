package nc.esim.notification.preferences;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.contracts.Identifiers;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/preferences/{iccid}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "preferences", description = "What a customer agrees to receive, by channel and category, and in which language")
public class PreferenceResource {
    private final Preferences preferences;

    public PreferenceResource(Preferences preferences) {
        this.preferences = preferences;
    }

    @GET
    @Operation(operationId = "getPreferences", summary = "A customer's message preferences",
            description = "When never set: service messages on both channels, no marketing.")
    @APIResponse(responseCode = "200", description = "The preferences")
    @APIResponse(responseCode = "400", description = "Invalid ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID")))
    @APIResponse(responseCode = "404", description = "An eSIM never sold (or whose sale has not reached this service yet: Retry-After), or a customer asking about an eSIM not bound to its account",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.SUPPORT_DESK, Roles.PARTNER_SHOP, Roles.CUSTOMER})
    public Preference get(@PathParam("iccid") String iccid) {
        return preferences.ofKnown(valid(iccid));
    }

    @PUT
    @Operation(operationId = "setPreferences", summary = "Set a customer's message preferences: opt-out per channel and category, language",
            description = "Takes effect for messages caused from now on; messages already queued keep their decision.")
    @APIResponse(responseCode = "200", description = "The preferences as saved")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, a missing choice, or a language other than fr, en, zh",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID"),
                    @ExampleObject(name = "bad-request", summary = "Bad Request")}))
    @APIResponse(responseCode = "404", description = "An eSIM never sold (or whose sale has not reached this service yet: Retry-After), or a customer asking about an eSIM not bound to its account",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.SUPPORT_DESK, Roles.PARTNER_SHOP, Roles.CUSTOMER})
    @Transactional // the audit entry commits with the change (AuditedCalls)
    public Preference put(@PathParam("iccid") String iccid, @NotNull @Valid Preference preference) {
        return preferences.save(valid(iccid), preference);
    }

    private static String valid(String iccid) {
        if (!Identifiers.isValidIccid(iccid)) {
            throw Problems.of(400, "invalid-iccid", "Invalid ICCID",
                    "An ICCID here is 19 or 20 digits starting with 89687, with a Luhn check digit");
        }
        return iccid;
    }
}
