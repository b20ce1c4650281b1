package nc.esim.support.problems;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The business errors of the services as RFC 9457 problems: one stable type URI and one status per
 * error code. Validation, JSON and routing errors are mapped by quarkus-resteasy-problem.
 */
public final class Problems {
    private Problems() {
    }

    public static HttpProblem of(int status, String code, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:esim:problem:" + code))
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }

    /**
     * The same problem as a response, for code that answers rather than throws (filters, and the
     * security mappers that run ahead of quarkus-resteasy-problem).
     */
    public static Response.ResponseBuilder response(int status, String code, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:esim:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body);
    }
}
