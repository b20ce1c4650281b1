package nc.esim.support.limits;

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
 * value used to reach a query and fail it with a 500). A route of the router, ahead of its body
 * handler: {@code quarkus.http.limits.max-body-size} still stops a chunked body that announces no length.
 */
public class BodySizeLimit {
    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "esim.api.max-body-bytes", defaultValue = "16384") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 50).handler(this::check);
    }

    void check(RoutingContext context) {
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

    private static void refuse(RoutingContext context, int status, String code, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "urn:esim:problem:" + code).put("title", title)
                .put("status", status).put("detail", detail);
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", status == 413 ? "close" : "keep-alive").end(problem.encode());
    }
}
