package nc.esim.support.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * A service's root page: what it is and where its API documents, health and metrics are, so that the
 * address the start command prints leads somewhere. Public: it names links, no data.
 */
@IfBuildProperty(name = "esim.service-index.enabled", stringValue = "true", enableIfMissing = true)
@Path("/")
public class ServiceIndexResource {
    private final String name;
    private final String description;

    public ServiceIndexResource(@ConfigProperty(name = "quarkus.application.name") String name,
                                @ConfigProperty(name = "quarkus.smallrye-openapi.info-description", defaultValue = "")
                                String description) {
        this.name = name;
        this.description = description;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String index() {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:44rem}li{margin:.3rem 0}</style></head>
                <body><h1>%1$s</h1><p>%2$s. Every API call needs a bearer token (docs/access-control.md).</p>
                <ul>
                <li><a href="/q/swagger-ui">API documentation (Swagger UI)</a> and the <a href="/q/openapi">OpenAPI document</a></li>
                <li><a href="/q/health">Health</a> (<a href="/q/health/ready">readiness</a>, <a href="/q/health/live">liveness</a>)</li>
                <li><a href="/q/metrics">Metrics</a> (Prometheus text)</li>
                </ul>
                <p>Operators see the whole platform in the operators' console (port 8080 on the local platform).</p>
                </body></html>
                """.formatted(escape(name), escape(description));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
