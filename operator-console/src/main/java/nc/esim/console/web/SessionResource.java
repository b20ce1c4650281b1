package nc.esim.console.web;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.security.Roles;

/**
 * Sign-in for the local platform: an operator presents a bearer token once, and the console keeps it in
 * an HttpOnly, SameSite=Strict cookie until the token expires. Behind the operator's OIDC provider in
 * production, the provider's session cookie takes this one's place (see the console's README).
 */
@Path("/api/v1/console/session")
@Tag(name = "console")
public class SessionResource {
    static final String COOKIE = "esim_console";

    private final JsonWebToken token;

    public SessionResource(JsonWebToken token) {
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Sign in with an operator's bearer token: sets the session cookie")
    @APIResponse(responseCode = "204", description = "Signed in")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator's token")
    public Response signIn() {
        long seconds = Math.max(0, Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime())).toSeconds());
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(token.getRawToken()).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.min(Integer.MAX_VALUE, seconds)).build();
        return Response.noContent().cookie(cookie).build();
    }

    @DELETE
    @PermitAll
    @Operation(summary = "Sign out: clears the session cookie")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response signOut() {
        NewCookie cleared = new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(cleared).build();
    }
}
