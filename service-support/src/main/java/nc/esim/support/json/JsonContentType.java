package nc.esim.support.json;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import nc.esim.support.problems.Problems;

/**
 * A write that carries a body must say it is JSON ({@code Content-Type: application/json}): every body
 * of these APIs is one, and a body sent as {@code text/plain} or with no type at all is a client's
 * mistake to be told, not guessed at. A write without a body (sign-in, a cancellation) needs no type.
 */
public class JsonContentType {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireJson(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || !hasBody(request)) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        if (type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))
                && "application".equals(type.getType())) {
            return Optional.empty();
        }
        return Optional.of(Problems.response(415, "unsupported-media-type", "Unsupported media type",
                "A request body here is JSON, sent with Content-Type: application/json").build());
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null
                || (request.getLength() < 0 && request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null);
    }
}
