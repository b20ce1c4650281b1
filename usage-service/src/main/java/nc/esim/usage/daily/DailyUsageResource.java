package nc.esim.usage.daily;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

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

import nc.esim.support.security.Roles;
import nc.esim.contracts.Zones;
import nc.esim.usage.ApiInputs;
import nc.esim.usage.KnownIccids;
import nc.esim.usage.LocalDays;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/usage/{iccid}/daily")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage", description = "What an eSIM has used and has left, per day and record by record")
public class DailyUsageResource {
    private static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 366;

    private final DailyUsageQuery query;
    private final KnownIccids known;
    private final Clock clock;

    public DailyUsageResource(DailyUsageQuery query, KnownIccids known, Clock clock) {
        this.query = query;
        this.known = known;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getDailyUsage", summary = "Usage of an eSIM per Pacific/Noumea day",
            description = "Data, voice and SMS per day, in and out of bundle. Without dates: the last 30 days up to today.")
    @APIResponse(responseCode = "200", description = "One entry per day of the period, oldest first")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, date or range (at most 366 days)",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID"),
                    @ExampleObject(name = "invalid-date", summary = "Invalid date"),
                    @ExampleObject(name = "invalid-date-range", summary = "Invalid date range")}))
    @APIResponse(responseCode = "404", description = "No subscription and no usage known for this ICCID, as for the summary",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public DailyUsage daily(@PathParam("iccid") String iccid,
                            @Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                            @Parameter(description = "last local day, included") @QueryParam("to") String to)
            throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(Zones.NOUMEA));
        String valid = ApiInputs.iccid(iccid);
        LocalDays period = LocalDays.parse(from, to, today.minusDays(DEFAULT_DAYS - 1), today, MAX_DAYS);
        known.require(valid);
        return query.of(valid, period);
    }
}
