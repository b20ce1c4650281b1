package nc.esim.support.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import nc.esim.support.json.JsonProblems;
import nc.esim.support.problems.Problems;

/**
 * The last word on every error a JAX-RS resource answers: each is an RFC 9457 problem with a
 * {@code type} and no internals. quarkus-resteasy-problem turns exceptions into problems, but leaves
 * {@code type} out of those it makes itself (a role check's 403, a 404, a 405, a refused body), and
 * copies Jackson's messages, which name Java classes, into {@code detail}. This filter gives those a
 * type from their status ({@code urn:esim:problem:not-found}), says in JSON's words what was wrong
 * with a refused body ({@link JsonProblems}), answers a query parameter that does not parse
 * ({@code limit=abc}, which JAX-RS turns into a 404) with a 400, and a call that failed because the
 * database could not be reached (a restart, a failover) with a 503 and {@code Retry-After}: the client
 * may send it again (with its Idempotency-Key), which a 500 does not say.
 */
public class ProblemResponses {
    /** Seconds a client is asked to wait before it sends a call again that met an unreachable database. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "2";

    /** What must never reach a client: class names, packages, exception names. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*|\\b\\w*(?:Exception|Error)\\b|`[^`]*`");

    @ServerResponseFilter
    public void typeEveryProblem(ContainerResponseContext response, Throwable error) {
        if (response.getStatus() < 400) {
            return;
        }
        JsonProcessingException json = jsonCause(error);
        if (json != null) {
            replace(response, JsonProblems.toProblem(json).build());
            return;
        }
        if (response.getStatus() == 500 && databaseUnreachable(error)) {
            replace(response, Problems.response(503, "database-unavailable", "Database unavailable",
                    "The service cannot reach its database just now; nothing was changed. Send the request again after "
                            + "Retry-After seconds (with the same Idempotency-Key where it has one)").build());
            response.getHeaders().putSingle("Retry-After", DATABASE_RETRY_AFTER_SECONDS);
            return;
        }
        if (error instanceof NotFoundException && error.getCause() != null && !(error.getCause() instanceof NotFoundException)) {
            replace(response, Problems.response(400, "invalid-parameter", "Invalid parameter",
                    "A path or query parameter of this request does not have the form this API takes").build());
            return;
        }
        if (response.getEntity() instanceof HttpProblem problem && problem.getType() == null) {
            HttpProblem.Builder typed = HttpProblem.builder(problem)
                    .withType(URI.create("urn:esim:problem:" + slug(response.getStatusInfo().getReasonPhrase(), response.getStatus())));
            if (problem.getDetail() != null) {
                typed.withDetail(clean(problem.getDetail(), response.getStatusInfo().getReasonPhrase()));
            }
            response.setEntity(typed.build(), null, HttpProblem.MEDIA_TYPE);
        }
    }

    private static void replace(ContainerResponseContext response, Response problem) {
        response.setStatus(problem.getStatus());
        response.setEntity(problem.getEntity(), null, MediaType.valueOf("application/problem+json"));
    }

    private static JsonProcessingException jsonCause(Throwable error) {
        for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    /**
     * Whether the call failed on the way to the database: a connection refused or cut, or the server
     * shutting down or starting (SQLSTATE class 08, and 57P01-57P03), anywhere in the causes.
     */
    static boolean databaseUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code Not Found} → {@code not-found}; a status without a phrase → {@code http-<status>}. */
    static String slug(String reason, int status) {
        if (reason == null || reason.isBlank()) {
            return "http-" + status;
        }
        return reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The detail without Java names; when nothing readable is left, the status's own phrase. */
    static String clean(String detail, String reason) {
        if (!INTERNALS.matcher(detail).find()) {
            return detail;
        }
        String cleaned = INTERNALS.matcher(detail).replaceAll("").replaceAll("\\s+", " ").trim();
        return cleaned.length() < 12 ? String.valueOf(reason) : cleaned;
    }
}
