package nc.esim.support.security;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import nc.esim.support.problems.Problems;

/**
 * 401 and 403 as RFC 9457 problems like every other error. Mapped here, ahead of
 * quarkus-resteasy-problem: its 3.21.0 security mapper fails on Quarkus 3.33 (NoSuchFieldError
 * headerName in HttpUnauthorizedUtils), which turned every 401 into a 500.
 */
public class SecurityProblems {

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class}, priority = Priorities.AUTHENTICATION)
    public Response unauthorized(RuntimeException e) {
        return Problems.response(401, "unauthorized", "Unauthorized",
                "A valid bearer token (RS256, issued for this platform, not expired) is required")
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(value = ForbiddenException.class, priority = Priorities.AUTHENTICATION)
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "The token's roles do not allow this").build();
    }
}
