package nc.esim.support.audit;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.arc.Arc;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import nc.esim.support.limits.RefusedAtTheDoor;
import nc.esim.support.limits.RefusedCallerLimit;
import nc.esim.support.security.Caller;
import nc.esim.support.security.Roles;

/**
 * Records every state-changing call (POST, PUT, PATCH, DELETE under /api/) in the audit log once its
 * answer is known, including the refused ones (401, 403, 4xx): who tried what matters as much as what
 * changed. Reads (GET) are not recorded. A call that succeeds on an {@link Audited} resource has its entry
 * committed with its own transaction instead ({@link AuditedCalls}), and is not recorded again here.
 *
 * <p>A flood of calls refused for want of a valid token does not flood the log: once an address has
 * used up its refusals ({@link RefusedCallerLimit}), its further 401s are counted, not recorded one by
 * one, and every {@code esim.audit.refused-summary-interval} one entry per address says how many there
 * were (method {@code *}, status 401).
 *
 * <p>Writes refused before authentication ({@link RefusedAtTheDoor}: a body, URI or headers too large, a
 * control character, an address cut off with 429) reach no resource and come from callers nobody has
 * identified yet, so they are tallied per address and status and written once per interval: a single
 * one as itself (its method and path), more as one entry with their count and the first call (429s, the
 * tail of a flood whose first refusals are already recorded, always as a count). Their
 * trace may lag the call by an interval, and a crash loses at most an interval's tally of refusals;
 * nothing a refused call did is lost, since it did nothing.
 */
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
public class AuditTrail {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog log;
    private final Clock clock;
    private final Vertx vertx;
    private final RefusedCallerLimit refusals;
    private final Map<String, Long> suppressed = new ConcurrentHashMap<>();
    private final Map<DoorKey, DoorTally> atTheDoor = new ConcurrentHashMap<>();
    private final AuditedRequest audited;

    public AuditTrail(AuditLog log, Clock clock, Vertx vertx, RefusedCallerLimit refusals, AuditedRequest audited,
                      @ConfigProperty(name = "esim.audit.refused-summary-interval", defaultValue = "60s") Duration interval) {
        this.log = log;
        this.audited = audited;
        this.clock = clock;
        this.vertx = vertx;
        this.refusals = refusals;
        vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> {
            summariseSuppressed();
            return null;
        }, false));
    }

    private record DoorKey(String address, int status) {
    }

    /** The refusals of one address and status since the last summary, and the first of them. */
    private record DoorTally(RefusedAtTheDoor first, long count) {
        DoorTally plusOne() {
            return new DoorTally(first, count + 1);
        }
    }

    /** Counted on the event loop (atomically per key, so no count falls between a tally and its summary). */
    void refusedAtTheDoor(@Observes RefusedAtTheDoor refusal) {
        if (!STATE_CHANGING.contains(refusal.method()) || !refusal.path().startsWith("/api/")) {
            return;
        }
        atTheDoor.compute(new DoorKey(refusal.remoteAddress(), refusal.status()),
                (key, tally) -> tally == null ? new DoorTally(refusal, 1) : tally.plusOne());
    }

    /** One entry per address (and status) for the refusals counted since the last summary. */
    void summariseSuppressed() {
        for (DoorKey key : List.copyOf(atTheDoor.keySet())) {
            DoorTally tally = atTheDoor.remove(key);
            long calls = tally == null ? 0 : tally.count();
            if (calls == 1 && key.status() != 429) {
                log.append(new AuditEntry(0, clock.instant(), "anonymous", List.of(), null, tally.first().method(),
                        storable(tally.first().path()), key.status(), key.address(), null));
            } else if (calls > 0) {
                log.append(new AuditEntry(0, clock.instant(), "anonymous", List.of(), null, "*",
                        storable("(" + calls + " calls refused before authentication: " + tally.first().problemCode()
                                + ", the first " + tally.first().method() + " " + tally.first().path() + ")"),
                        key.status(), key.address(), null));
            }
        }
        for (String address : List.copyOf(suppressed.keySet())) {
            Long count = suppressed.remove(address);
            long calls = count == null ? 0 : count;
            if (calls > 0) {
                log.append(new AuditEntry(0, clock.instant(), "anonymous", List.of(), null, "*",
                        "(" + calls + " more calls refused for want of a valid token, counted, not recorded one by one)",
                        401, address, null));
            }
        }
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!STATE_CHANGING.contains(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        if (Arc.container().requestContext().isActive() && audited.isRecorded()) {
            return; // committed with the call's own transaction (AuditedCalls)
        }
        // the verified token, read without waiting: a refused token leaves no principal (anonymous)
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        boolean anonymous = principal == null || principal.getName() == null;
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if (anonymous && response.getStatus() == 401 && refusals.isExhausted(address)) {
            suppressed.merge(address == null ? "unknown" : address, 1L, Long::sum);
            return;
        }
        AuditEntry entry = entry(clock.instant(), principal, request.getMethod(), path, response.getStatus(), address,
                request.getHeaderString("Idempotency-Key"));
        if (BlockingOperationControl.isBlockingAllowed()) {
            log.append(entry);
        } else { // refused before reaching a worker thread (401): write off the event loop
            vertx.executeBlocking(() -> {
                log.append(entry);
                return null;
            }, false);
        }
    }

    /** The entry of one call: who (subject, the platform's roles, shop), what, the outcome, from where. */
    static AuditEntry entry(java.time.Instant at, Principal principal, String method, String path, int status,
                            String address, String idempotencyKey) {
        boolean anonymous = principal == null || principal.getName() == null;
        List<String> roles = principal instanceof JsonWebToken token && token.getGroups() != null
                ? token.getGroups().stream().filter(ROLES::contains).sorted().toList() : List.of();
        return new AuditEntry(0, at, anonymous ? "anonymous" : principal.getName(), roles,
                Caller.shopIdOf(principal).orElse(null), method, storable(path), status, address, idempotencyKey);
    }

    /**
     * The path as the audit table can keep it: a NUL (which PostgreSQL text refuses, so that the refused
     * call left no trace) and every other control character written as %XX, at most 2,048 characters.
     */
    static String storable(String path) {
        StringBuilder kept = new StringBuilder(Math.min(path.length(), 2048));
        for (int i = 0; i < path.length() && kept.length() < 2048; i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                kept.append('%').append(String.format("%02X", (int) c & 0xFF));
            } else {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static final Set<String> ROLES = Set.of(Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.ANALYST);
}
