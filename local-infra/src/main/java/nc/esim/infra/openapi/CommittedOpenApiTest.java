package nc.esim.infra.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every service's OpenAPI test proves, for a {@code @QuarkusTest} subclass that names the service:
 * its committed document (docs/openapi/&lt;service&gt;.yaml), which partner shops generate their clients
 * from, is what it serves, names every problem type its code raises, and makes every error a problem
 * with its types.
 */
public abstract class CommittedOpenApiTest {
    private final String service;

    protected CommittedOpenApiTest(String service) {
        this.service = service;
    }

    @Test
    void theServedDocumentIsTheCommittedOne() {
        assertEquals(List.of(), CommittedOpenApi.differences(service), () -> "docs/openapi/" + service
                + ".yaml differs from the served document: review target/openapi/" + service
                + ".yaml, then refresh the committed one with -Dopenapi.update=true");
    }

    @Test
    void everyProblemTypeTheServiceRaisesIsDocumented() {
        assertEquals(List.of(), List.copyOf(CommittedOpenApi.undocumentedProblemTypes(service, Path.of("src", "main", "java"))));
    }

    @Test
    void everyErrorResponseIsAProblemNamingItsTypes() {
        assertEquals(List.of(), CommittedOpenApi.errorResponsesWithoutProblemTypes(service));
    }
}
