package nc.esim.support.limits;

import java.security.Principal;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpServerRequest;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Caller;

/**
 * Per-caller rate limits on every API (/api/): a token bucket per token subject (and shop), or per
 * address for calls without one, holding {@code esim.api.rate-limit.burst} requests and refilled at
 * {@code esim.api.rate-limit.requests-per-second}. A caller over its limit gets 429 with Retry-After.
 * The buckets live in this instance's memory: behind a load balancer each instance limits on its own.
 */
public class RateLimits {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final long burst;
    private final double perSecond;
    /** One request's worth of refill; a fraction of a request a second (one a minute, say) is allowed. */
    private final Duration refillEvery;

    public RateLimits(@ConfigProperty(name = "esim.api.rate-limit.burst", defaultValue = "100") long burst,
                      @ConfigProperty(name = "esim.api.rate-limit.requests-per-second", defaultValue = "20") double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("esim.api.rate-limit.requests-per-second must be above 0");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.refillEvery = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / perSecond)));
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(callerKey(request, http), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, refillEvery).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(Problems.response(429, "rate-limited", "Too many requests",
                "This caller may make " + java.math.BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString()
                        + " requests a second (bursts of " + burst + "); retry after "
                        + retryAfterSeconds + " s").header("Retry-After", retryAfterSeconds).build());
    }

    private static String callerKey(ContainerRequestContext request, HttpServerRequest http) {
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (principal != null && principal.getName() != null) {
            return "token:" + principal.getName() + "@" + Caller.shopIdOf(principal).orElse("");
        }
        return "address:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
    }
}
