package nc.esim.console.sources;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's own health ({@code /q/health}: liveness and readiness together): UP, or DOWN with the
 * checks that are down, or unreachable. Its database check tells how PostgreSQL looks from it.
 */
@ApplicationScoped
public class ServiceHealth {
    /** The name Quarkus gives the datasource's readiness check. */
    static final String DATABASE_CHECK = "Database connections health check";

    private final SourceClient client;

    public ServiceHealth(SourceClient client) {
        this.client = client;
    }

    /** What one service says of itself; {@code database} is null when it has no database check or did not answer. */
    public record Report(String service, boolean reachable, boolean up, List<String> downChecks, Boolean database) {
    }

    public CompletableFuture<Report> check(String service, URI base) {
        return client.get(base, "/q/health").thenApply(answer -> {
            try {
                JsonNode health = client.json().readTree(answer.body());
                List<String> down = new ArrayList<>();
                Boolean database = null;
                for (JsonNode check : health.path("checks")) {
                    boolean checkUp = "UP".equals(check.path("status").asText());
                    if (!checkUp) {
                        down.add(check.path("name").asText());
                    }
                    if (DATABASE_CHECK.equals(check.path("name").asText())) {
                        database = checkUp;
                    }
                }
                return new Report(service, true, "UP".equals(health.path("status").asText()), down, database);
            } catch (java.io.IOException e) {
                return new Report(service, true, false, List.of("health answer unreadable"), null);
            }
        }).exceptionally(e -> new Report(service, false, false, List.of("unreachable"), null));
    }
}
