package nc.esim.support.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
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

import io.quarkus.arc.properties.IfBuildProperty;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

/** The audit log, for operators: read only (no endpoint writes, changes or deletes an entry). */
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
@Path("/api/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who changed what, when, from where, and how it ended (operators)")
public class AuditLogResource {
    private static final int MAX_PAGE = 500;

    private final AuditLog log;
    private final Clock clock;

    public AuditLogResource(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listAuditEntries", summary = "State-changing calls to this service, newest first",
            description = "Who (token subject, roles, shop), what (method, path), when, from which address, and the "
                    + "outcome (HTTP status), refused calls included. Without from: the last 7 days.")
    @APIResponse(responseCode = "200", description = "A page of entries; pass nextBefore as before for the next")
    @APIResponse(responseCode = "400", description = "Invalid time, limit or before",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-time", summary = "Invalid time"),
                    @ExampleObject(name = "invalid-limit", summary = "Invalid limit"),
                    @ExampleObject(name = "invalid-before", summary = "Invalid before")}))
    @RolesAllowed(Roles.OPERATOR)
    public AuditEntry.Page find(@Parameter(description = "a token subject") @QueryParam("caller") String caller,
                                @Parameter(description = "ISO-8601 instant, included") @QueryParam("from") String from,
                                @Parameter(description = "ISO-8601 instant, excluded") @QueryParam("until") String until,
                                @Parameter(description = "the nextBefore of the previous page") @QueryParam("before") Long before,
                                @Parameter(description = "entries per page, 1 to 500") @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Problems.of(400, "invalid-limit", "Invalid limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (before != null && before < 1) {
            throw Problems.of(400, "invalid-before", "Invalid before", "before must be the nextBefore of a previous page");
        }
        Instant end = instant(until, "until").orElse(clock.instant().plusSeconds(1));
        Instant start = instant(from, "from").orElse(end.minus(Duration.ofDays(7)));
        return log.find(Optional.ofNullable(caller).filter(c -> !c.isBlank()), start, end, Optional.ofNullable(before), limit);
    }

    private static Optional<Instant> instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw Problems.of(400, "invalid-time", "Invalid time", name + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z");
        }
    }
}
