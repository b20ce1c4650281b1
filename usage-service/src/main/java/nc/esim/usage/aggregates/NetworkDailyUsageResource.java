package nc.esim.usage.aggregates;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.contracts.Zones;
import nc.esim.support.security.Roles;
import nc.esim.usage.LocalDays;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/usage/aggregates/daily")
@Tag(name = "aggregates", description = "The network's usage without personal data, for analysts")
public class NetworkDailyUsageResource {
    private static final int DEFAULT_DAYS = 7;
    /** A period reads its months' partitions whole: a quarter at most. */
    private static final int MAX_DAYS = 92;

    private final NetworkDailyUsageQuery query;
    private final Clock clock;

    public NetworkDailyUsageResource(NetworkDailyUsageQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getNetworkDailyUsage", summary = "The network's usage per Pacific/Noumea day, without personal data",
            description = "Totals, out-of-bundle totals, records and distinct active eSIMs per day. Without dates: the "
                    + "last 7 days up to today. The same as CSV: exportNetworkDailyUsage, or this path with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "One entry per day of the period, oldest first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NetworkDailyUsage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "Invalid date or range (at most 92 days)",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-date", summary = "Invalid date"),
                    @ExampleObject(name = "invalid-date-range", summary = "Invalid date range")}))
    @RolesAllowed({Roles.ANALYST, Roles.OPERATOR})
    public NetworkDailyUsage daily(@Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                                   @Parameter(description = "last local day, included") @QueryParam("to") String to)
            throws SQLException {
        return query.of(period(from, to));
    }

    /** The export asked for by content type on the JSON's path; documented with that operation. */
    @GET
    @Produces("text/csv;qs=0.5")
    @Operation(hidden = true)
    @RolesAllowed({Roles.ANALYST, Roles.OPERATOR})
    public Response negotiatedExport(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        return export(from, to);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(operationId = "exportNetworkDailyUsage", summary = "The network's usage per Pacific/Noumea day as CSV",
            description = "The days of getNetworkDailyUsage, one line each, as an attachment.")
    @APIResponse(responseCode = "200", description = "CSV with a header line, as an attachment",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Invalid date or range (at most 92 days)",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-date", summary = "Invalid date"),
                    @ExampleObject(name = "invalid-date-range", summary = "Invalid date range")}))
    @RolesAllowed({Roles.ANALYST, Roles.OPERATOR})
    public Response export(@Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                           @Parameter(description = "last local day, included") @QueryParam("to") String to) throws SQLException {
        NetworkDailyUsage usage = query.of(period(from, to));
        return Response.ok(usage.csv(), "text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"network-usage-" + usage.first() + "-" + usage.last() + ".csv\"").build();
    }

    private LocalDays period(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.NOUMEA));
        return LocalDays.parse(from, to, today.minusDays(DEFAULT_DAYS - 1), today, MAX_DAYS);
    }
}
