package nc.esim.usage.summary;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.security.Roles;
import nc.esim.usage.ApiInputs;
import nc.esim.support.problems.Problems;
import nc.esim.usage.KnownIccids;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
public class UsageSummaryResource {
    private final UsageSummaryQuery query;

    public UsageSummaryResource(UsageSummaryQuery query) {
        this.query = query;
    }

    @GET
    @Path("/{iccid}/summary")
    @Operation(operationId = "getUsageSummary", summary = "What an eSIM has used and has left, per allowance, and out of bundle",
            description = "Each allowance with its quotas, what is used and left, and its validity; the totals; and a "
                    + "forecast of when the data runs out at the recent pace.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "Not a valid ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID")))
    @APIResponse(responseCode = "404", description = "No subscription and no usage known for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public UsageSummary summary(@PathParam("iccid") String iccid) throws SQLException {
        return query.of(ApiInputs.iccid(iccid)).orElseThrow(KnownIccids::unknown);
    }

    @GET
    @Path("/msisdn/{msisdn}/summary")
    @Operation(operationId = "getUsageSummaryByMsisdn", summary = "The usage summary of the eSIM that has this phone number",
            description = "As getUsageSummary, found by the line's MSISDN (+687 and 6 digits).")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "Not a valid MSISDN",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-msisdn", summary = "Invalid MSISDN")))
    @APIResponse(responseCode = "404", description = "No subscription has this MSISDN",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-msisdn", summary = "Unknown MSISDN")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public UsageSummary summaryByMsisdn(@PathParam("msisdn") String msisdn) throws SQLException {
        return query.ofMsisdn(ApiInputs.msisdn(msisdn)).orElseThrow(() -> Problems.of(404, "unknown-msisdn",
                "Unknown MSISDN", "No subscription is known with this MSISDN"));
    }
}
