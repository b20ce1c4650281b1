package nc.esim.usage.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.openapi.CommittedOpenApi;
import nc.esim.infra.quarkus.RealInfrastructure;

/** docs/openapi/usage-service.yaml is the contract partner shops generate clients from: it is what the service serves. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class OpenApiDocumentTest {
    private static final String SERVICE = "usage-service";

    @Test
    void theServedDocumentIsTheCommittedOne() {
        assertThat(CommittedOpenApi.differences(SERVICE))
                .as("docs/openapi/%s.yaml differs from the served document: review target/openapi/%s.yaml, then "
                        + "refresh the committed one with -Dopenapi.update=true", SERVICE, SERVICE)
                .isEmpty();
    }

    @Test
    void everyProblemTypeTheServiceRaisesIsDocumented() {
        assertThat(CommittedOpenApi.undocumentedProblemTypes(SERVICE, Path.of("src", "main", "java"))).isEmpty();
    }

    @Test
    void everyErrorResponseIsAProblemNamingItsTypes() {
        assertThat(CommittedOpenApi.errorResponsesWithoutProblemTypes(SERVICE)).isEmpty();
    }
}
