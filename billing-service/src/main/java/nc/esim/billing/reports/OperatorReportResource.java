package nc.esim.billing.reports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.security.Roles;
import nc.esim.support.time.NoumeaDay;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

/** The operators' figures: sales and revenue of a day, and the subscriptions about to expire. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "Operators' figures for the console and for analysts")
public class OperatorReportResource {
    private final OperatorReports reports;
    private final Clock clock;

    public OperatorReportResource(OperatorReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Path("/sales")
    @Operation(operationId = "getSalesReport", summary = "Paid orders and revenue of a Nouméa day",
            description = "By kind, channel and payment method, in XPF minor units, and the orders awaiting payment now.")
    @APIResponse(responseCode = "200", description = "The day's sales")
    @APIResponse(responseCode = "400", description = "day is not a date (yyyy-MM-dd)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-day", summary = "Invalid day")))
    @RolesAllowed({Roles.OPERATOR, Roles.ANALYST})
    public SalesReport sales(@Parameter(description = "yyyy-MM-dd in Pacific/Noumea; today when absent")
                             @QueryParam("day") String day) throws SQLException {
        return reports.sales(NoumeaDay.parseOrToday(day, clock));
    }

    @GET
    @Path("/expiring")
    @Operation(operationId = "listExpiringSubscriptions", summary = "Active subscriptions whose period ends within the next hours",
            description = "Soonest first: their count, and the first limit of them.")
    @APIResponse(responseCode = "200", description = "Their count and the first `limit` of them")
    @APIResponse(responseCode = "400", description = "hours or limit out of range",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @RolesAllowed({Roles.OPERATOR})
    public ExpiringSubscriptions expiring(@Parameter(description = "how far ahead, 1 to 744 hours") @QueryParam("hours") @DefaultValue("72") @Min(1) @Max(24 * 31) int hours,
                                          @Parameter(description = "subscriptions listed, 1 to 500") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit)
            throws SQLException {
        return reports.expiring(Duration.ofHours(hours), limit);
    }
}
