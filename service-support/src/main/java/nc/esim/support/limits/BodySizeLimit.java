package nc.esim.support.limits;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import nc.esim.support.problems.Problems;

/**
 * Refuses a request body larger than {@code esim.api.max-body-bytes} with a 413 problem before it is
 * read. Every body of these APIs is a small JSON object; quarkus.http.limits.max-body-size stops a
 * chunked body that announces no length at the HTTP layer.
 */
public class BodySizeLimit {
    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "esim.api.max-body-bytes", defaultValue = "16384") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            return Optional.of(Problems.response(413, "body-too-large", "Request body too large",
                    "A request body here is at most " + maxBytes + " bytes").build());
        }
        return Optional.empty();
    }
}
