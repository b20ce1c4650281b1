package nc.esim.billing.advice;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/subscriptions/{iccid}/plan-advice")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "advice", description = "Which plan and add-ons of today's catalog would have cost the least for a line's usage")
public class PlanAdviceResource {
    private static final int MAX_DAYS = 366;
    private final PlanAdviceQuery query;

    public PlanAdviceResource(PlanAdviceQuery query) {
        this.query = query;
    }

    @GET
    @Operation(operationId = "getPlanAdvice", summary = "What the line's usage would have cost with each plan on sale, and the cheapest",
            description = "Over the last `days` closed Pacific/Noumea days (from the activation at the earliest): the usage, "
                    + "what was paid, and for each plan on sale today the cheapest way to cover the same usage with the "
                    + "add-ons on sale, bought back to back from the first day; then the cheapest, the saving, and a "
                    + "sentence to read to the customer (a line activated today has no closed day yet: no options, and the "
                    + "sentence says so). Amounts in whole XPF, and in `currency` at today's rate if given. "
                    + "Personal: not for analysts.")
    @APIResponse(responseCode = "200", description = "The advice")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, number of days or currency",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "bad-request", summary = "Bad Request"),
                    @ExampleObject(name = "invalid-days", summary = "Invalid number of days"),
                    @ExampleObject(name = "invalid-currency", summary = "Invalid currency")}))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public PlanAdvice advice(@PathParam("iccid") @ValidIccid String iccid,
                             @Parameter(description = "closed days to look back over, 1 to 366 (30 when absent)") @QueryParam("days") String days,
                             @Parameter(description = "ISO 4217 code of a currency with an exchange rate, e.g. EUR") @QueryParam("currency") String currency)
            throws SQLException {
        int period;
        try {
            period = days == null ? 30 : Integer.parseInt(days);
        } catch (NumberFormatException e) {
            period = 0;
        }
        if (period < 1 || period > MAX_DAYS) {
            throw Problems.of(400, "invalid-days", "Invalid number of days", "days must be between 1 and " + MAX_DAYS);
        }
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow(() -> Problems.of(404,
                "subscription-not-found", "Subscription not found", "No subscription for this ICCID"));
        return query.advise(subscription, period, currency);
    }
}
