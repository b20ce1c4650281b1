package nc.esim.support.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as RFC 9457 problems like every other error. Mapped here, ahead of
 * quarkus-resteasy-problem: its 3.21.0 security mapper fails on Quarkus 3.33 (NoSuchFieldError
 * headerName in HttpUnauthorizedUtils), which turned every 401 into a 500.
 */
public class SecurityProblems {

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class}, priority = Priorities.AUTHENTICATION)
    public Response unauthorized(RuntimeException e) {
        return problem(401, "unauthorized", "Unauthorized",
                "A valid bearer token (RS256, issued for this platform, not expired) is required")
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(value = ForbiddenException.class, priority = Priorities.AUTHENTICATION)
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "The token's roles do not allow this").build();
    }

    private static Response.ResponseBuilder problem(int status, String code, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:esim:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body);
    }
}
