package nc.esim.support.limits;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before anything reads it, a request the services cannot take, with a problem rather than
 * the empty answer the HTTP layer would give: a body announced larger than
 * {@code esim.api.max-body-bytes} (413; every body of these APIs is a small JSON object), and a path or
 * query with a NUL or another control character (400; PostgreSQL text cannot hold a NUL, so such a
 * value used to reach a query and fail it with a 500), a request line longer than
 * {@code esim.api.max-uri-length} (414) and headers larger than {@code esim.api.max-header-bytes} in all
 * (431). A route of the router, ahead of its body handler. The HTTP layer's own limits are set above
 * these ({@code quarkus.http.limits.*}), so that only what exceeds them too gets its empty answer, as
 * does a chunked body over {@code quarkus.http.limits.max-body-size} that announces no length. Each
 * refusal is told as {@link RefusedAtTheDoor}, so that it is audited although it reaches no resource.
 */
public class BodySizeLimit {
    private final long maxBytes;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final Event<RefusedAtTheDoor> refusals;

    public BodySizeLimit(@ConfigProperty(name = "esim.api.max-body-bytes", defaultValue = "16384") long maxBytes,
                         @ConfigProperty(name = "esim.api.max-uri-length", defaultValue = "4096") int maxUriLength,
                         @ConfigProperty(name = "esim.api.max-header-bytes", defaultValue = "8192") int maxHeaderBytes,
                         Event<RefusedAtTheDoor> refusals) {
        this.refusals = refusals;
        this.maxBytes = maxBytes;
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 50).handler(this::check);
    }

    void check(RoutingContext context) {
        if (context.request().uri().length() > maxUriLength) {
            refuse(context, 414, "uri-too-long", "URI too long", "A request URI here is at most " + maxUriLength + " characters");
            return;
        }
        int headerBytes = 0;
        for (var header : context.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            refuse(context, 431, "headers-too-large", "Request headers too large",
                    "The request's headers are at most " + maxHeaderBytes + " bytes in all");
            return;
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            refuse(context, 413, "body-too-large", "Request body too large", "A request body here is at most " + maxBytes + " bytes");
            return;
        }
        if (hasControlCharacter(context.request().uri())) {
            refuse(context, 400, "invalid-parameter", "Invalid parameter",
                    "A path or query here may not hold a NUL or another control character");
            return;
        }
        context.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    /** A raw control character, or one percent-encoded ({@code %00}–{@code %1F}, {@code %7F}). */
    static boolean hasControlCharacter(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (c == '%' && i + 2 < uri.length()) {
                int value = Character.digit(uri.charAt(i + 1), 16) * 16 + Character.digit(uri.charAt(i + 2), 16);
                if (Character.digit(uri.charAt(i + 1), 16) >= 0 && Character.digit(uri.charAt(i + 2), 16) >= 0
                        && (value < 0x20 || value == 0x7F)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void refuse(RoutingContext context, int status, String code, String title, String detail) {
        refusals.fire(new RefusedAtTheDoor(context.request().method().name(), context.request().path(), status, code,
                RefusedCallerLimit.addressOf(context)));
        JsonObject problem = new JsonObject().put("type", "urn:esim:problem:" + code).put("title", title)
                .put("status", status).put("detail", detail);
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", status == 400 ? "keep-alive" : "close").end(problem.encode());
    }
}
