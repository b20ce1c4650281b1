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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.contracts.Zones;
import nc.esim.support.security.Roles;
import nc.esim.usage.LocalDays;

@Path("/api/v1/usage/aggregates/daily")
@Tag(name = "aggregates")
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
    @Operation(summary = "The network's usage per Pacific/Noumea day, without personal data",
            description = "Totals, out-of-bundle totals, records and distinct active eSIMs per day. Without dates: the "
                    + "last 7 days up to today. Ask for text/csv for an export.")
    @APIResponse(responseCode = "200", description = "One entry per day of the period, oldest first")
    @APIResponse(responseCode = "400", description = "Invalid date or range (at most 92 days)")
    @RolesAllowed({Roles.ANALYST, Roles.OPERATOR})
    public NetworkDailyUsage daily(@Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                                   @Parameter(description = "last local day, included") @QueryParam("to") String to)
            throws SQLException {
        return query.of(period(from, to));
    }

    @GET
    @Produces("text/csv;qs=0.5")
    @Operation(summary = "The network's usage per Pacific/Noumea day as CSV")
    @APIResponse(responseCode = "200", description = "CSV with a header line")
    @RolesAllowed({Roles.ANALYST, Roles.OPERATOR})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        NetworkDailyUsage usage = query.of(period(from, to));
        return Response.ok(usage.csv(), "text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"network-usage-" + usage.first() + "-" + usage.last() + ".csv\"").build();
    }

    private LocalDays period(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.NOUMEA));
        return LocalDays.parse(from, to, today.minusDays(DEFAULT_DAYS - 1), today, MAX_DAYS);
    }
}
