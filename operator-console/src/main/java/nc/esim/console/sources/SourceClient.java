package nc.esim.console.sources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import nc.esim.console.ConsoleConfig;

/**
 * GETs from the services with the console's token and a short timeout. The JDK's HTTP client rather than
 * a typed REST client: one code path serves JSON APIs, health documents and Prometheus text from three
 * base URLs set at run time, and asynchronous calls let one refresh ask every source at once.
 */
@ApplicationScoped
public class SourceClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json;
    private final Duration timeout;
    private final String authorization;

    public SourceClient(ConsoleConfig config, ObjectMapper json) {
        this.json = json;
        this.timeout = config.sources().timeout();
        this.authorization = config.sources().token().map(t -> t.startsWith("Bearer ") ? t : "Bearer " + t).orElse(null);
    }

    /** The body of a GET, whatever its status, as the status and text. */
    public record Answer(int status, String body) {
    }

    public CompletableFuture<Answer> get(URI base, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()))
                .orTimeout(timeout.toMillis() + 250, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** GETs JSON and maps it to {@code type}; fails unless the status is 200. */
    public <T> CompletableFuture<T> getJson(URI base, String path, Class<T> type) {
        return get(base, path).thenApply(answer -> {
            if (answer.status() != 200) {
                throw new SourceUnavailable(base.resolve(path) + " answered " + answer.status());
            }
            try {
                return json.readValue(answer.body(), type);
            } catch (IOException e) {
                throw new SourceUnavailable(base.resolve(path) + " answered what is not " + type.getSimpleName());
            }
        });
    }

    public ObjectMapper json() {
        return json;
    }

    /** A source that did not give its figures this time. */
    public static final class SourceUnavailable extends RuntimeException {
        public SourceUnavailable(String message) {
            super(message);
        }
    }
}
