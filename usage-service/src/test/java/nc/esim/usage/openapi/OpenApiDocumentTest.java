package nc.esim.usage.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.openapi.CommittedOpenApiTest;
import nc.esim.infra.quarkus.RealInfrastructure;

/** docs/openapi/usage-service.yaml is the contract partner shops generate clients from (the tests are inherited). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class OpenApiDocumentTest extends CommittedOpenApiTest {
    OpenApiDocumentTest() {
        super("usage-service");
    }
}
