package nc.esim.support.limits;

import java.time.Duration;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits, per address and ahead of authentication, the calls that authentication refuses: each 401 an
 * address is answered (no token, a forged or expired one) takes one from that address's bucket
 * ({@code esim.api.refused-rate-limit.burst}, refilled at {@code .requests-per-second}), and while its
 * bucket is empty the address gets 429 for every {@code /api/} call that brings no token at all. A call
 * with a token still reaches authentication, so a partner shop behind a shared address is not held
 * back by its neighbour's mistakes. An anonymous flood is cut off after the burst, and with it the audit
 * rows its refusals would add: a 429 given here reaches no resource; it is told as {@link RefusedAtTheDoor}
 * and the audit trail counts it.
 * {@link RateLimits} then limits authenticated callers per token.
 */
@Singleton
public class RefusedCallerLimit {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final long burst;
    private final Duration refillEvery;
    private final Event<RefusedAtTheDoor> refusals;

    public RefusedCallerLimit(
            @ConfigProperty(name = "esim.api.refused-rate-limit.burst", defaultValue = "20") long burst,
            @ConfigProperty(name = "esim.api.refused-rate-limit.requests-per-second", defaultValue = "1") double perSecond,
            Event<RefusedAtTheDoor> refusals) {
        this.refusals = refusals;
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("esim.api.refused-rate-limit.requests-per-second must be above 0");
        }
        this.burst = burst;
        this.refillEvery = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / perSecond)));
    }

    /** Whether {@code address} has used up its refusals: its calls without a token now get 429 here. */
    public boolean isExhausted(String address) {
        Bucket bucket = buckets.getIfPresent(address == null ? "unknown" : address);
        return bucket != null && bucket.getAvailableTokens() <= 0;
    }

    /** The caller's address as the limits and the audit know it ({@code unknown} when the connection has none). */
    public static String addressOf(RoutingContext context) {
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }

    /** Ahead of every other route, authentication included. */
    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::limit);
    }

    void limit(RoutingContext context) {
        String address = addressOf(context);
        Bucket bucket = buckets.get(address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, refillEvery).build()).build());
        if (context.request().getHeader("Authorization") == null && bucket.getAvailableTokens() <= 0) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long retryAfter = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            JsonObject problem = new JsonObject().put("type", "urn:esim:problem:rate-limited")
                    .put("title", "Too many requests").put("status", 429)
                    .put("detail", "Too many calls from this address were refused for want of a valid token; retry after "
                            + retryAfter + " s with one");
            refusals.fire(new RefusedAtTheDoor(context.request().method().name(), context.request().path(), 429,
                    "rate-limited", address));
            context.response().setStatusCode(429).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", String.valueOf(retryAfter)).end(problem.encode());
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                bucket.tryConsume(1);
            }
        });
        context.next();
    }
}
