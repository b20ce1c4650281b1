package nc.esim.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import nc.esim.console.ConsoleConfig;
import nc.esim.console.snapshot.ConsoleSnapshot;
import nc.esim.console.snapshot.SnapshotCollector;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Roles;

/** The console page and its figures, for operators only: the latest snapshot, and a stream of them. */
@Path("/")
@Tag(name = "console", description = "The operators' live dashboard")
@RolesAllowed(Roles.OPERATOR)
public class ConsoleResource {
    private final SnapshotCollector collector;
    private final Duration interval;
    private final String page;

    public ConsoleResource(SnapshotCollector collector, ConsoleConfig config) throws IOException {
        this.collector = collector;
        this.interval = config.refreshInterval();
        try (InputStream in = ConsoleResource.class.getResourceAsStream("/console/console.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GET
    @Path("console")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console page (its figures come from the stream)")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "401", description = "No operator session or bearer token")
    @APIResponse(responseCode = "403", description = "The token is not an operator's")
    public String page() {
        return page;
    }

    @GET
    @Path("api/v1/console/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything the console shows now, as its sources gave it")
    @APIResponse(responseCode = "200", description = "The latest snapshot")
    @APIResponse(responseCode = "503", description = "No figures gathered yet")
    public ConsoleSnapshot snapshot() {
        ConsoleSnapshot latest = collector.latest();
        if (latest == null) {
            throw Problems.of(503, "no-figures-yet", "No figures yet", "The console has not gathered its first figures");
        }
        return latest;
    }

    @GET
    @Path("api/v1/console/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest snapshot as server-sent events, one per refresh interval")
    @APIResponse(responseCode = "200", description = "A stream of snapshots")
    public Multi<ConsoleSnapshot> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(interval)
                .onOverflow().drop()
                .map(tick -> collector.latest())
                .filter(java.util.Objects::nonNull);
    }
}
