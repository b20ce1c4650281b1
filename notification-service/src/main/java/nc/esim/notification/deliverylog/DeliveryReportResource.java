package nc.esim.notification.deliverylog;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.problems.Problems;
import nc.esim.support.security.Roles;

@Path("/api/v1/reports/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "Operators' figures for the console")
public class DeliveryReportResource {
    private final DeliveryReports reports;

    public DeliveryReportResource(DeliveryReports reports) {
        this.reports = reports;
    }

    @GET
    @Operation(summary = "Messages of a Nouméa day by channel and status, the queue depth and the SMPP link state")
    @APIResponse(responseCode = "200", description = "The day's deliveries")
    @APIResponse(responseCode = "400", description = "day is not a date (yyyy-MM-dd)")
    @RolesAllowed({Roles.OPERATOR})
    public DeliveryReport deliveries(@Parameter(description = "yyyy-MM-dd in Pacific/Noumea; today when absent")
                                     @QueryParam("day") String day) throws SQLException {
        if (day == null || day.isBlank()) {
            return reports.report(reports.today());
        }
        try {
            return reports.report(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw Problems.of(400, "invalid-day", "Invalid day", "day is a date as yyyy-MM-dd");
        }
    }
}
