package nc.esim.notification.deliverylog;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
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

@Path("/api/v1/reports/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "Operators' figures for the console")
public class DeliveryReportResource {
    private final DeliveryReports reports;
    private final Clock clock;

    public DeliveryReportResource(DeliveryReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getDeliveryReport", summary = "Messages of a Nouméa day by channel and status",
            description = "With the queue depth and the state of the link to the SMS centre.")
    @APIResponse(responseCode = "200", description = "The day's deliveries")
    @APIResponse(responseCode = "400", description = "day is not a date (yyyy-MM-dd)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-day", summary = "Invalid day")))
    @RolesAllowed({Roles.OPERATOR})
    public DeliveryReport deliveries(@Parameter(description = "yyyy-MM-dd in Pacific/Noumea; today when absent")
                                     @QueryParam("day") String day) throws SQLException {
        return reports.report(NoumeaDay.parseOrToday(day, clock));
    }
}
