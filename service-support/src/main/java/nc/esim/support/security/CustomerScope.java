package nc.esim.support.security;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import nc.esim.support.problems.Problems;

/**
 * The one policy point that keeps a customer to its own eSIMs: a call with the customer role that names
 * an ICCID (in its path, or as {@code ?iccid=}) goes on only when that eSIM is bound to the token's
 * subject; otherwise it gets the service's answer for an unknown ICCID ({@link BoundEsims#notYours}).
 * The endpoints a customer may call at all are still chosen by {@code @RolesAllowed}; this filter only
 * narrows them. It runs after authentication, on the resource's own (worker) thread.
 */
public class CustomerScope {
    static final String ICCID = "iccid";
    private final SecurityIdentity identity;
    private final Instance<BoundEsims> bound;

    public CustomerScope(SecurityIdentity identity, Instance<BoundEsims> bound) {
        this.identity = identity;
        this.bound = bound;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 200)
    public Optional<Response> scope(ContainerRequestContext request) {
        if (identity.isAnonymous() || !identity.hasRole(Roles.CUSTOMER)
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String iccid = request.getUriInfo().getPathParameters().getFirst(ICCID);
        if (iccid == null) {
            iccid = request.getUriInfo().getQueryParameters().getFirst(ICCID);
        }
        if (iccid == null) {
            return Optional.empty();
        }
        if (bound.isUnsatisfied()) {
            // a service that cannot tell which eSIMs are a customer's shows a customer none
            return Optional.of(Problems.response(403, "forbidden", "Forbidden",
                    "This service keeps no eSIMs for customers").build());
        }
        BoundEsims esims = bound.get();
        return esims.isBound(identity.getPrincipal().getName(), iccid) ? Optional.empty() : Optional.of(esims.notYours());
    }
}
