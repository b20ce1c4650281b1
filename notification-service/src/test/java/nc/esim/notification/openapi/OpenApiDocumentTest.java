package nc.esim.notification.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.openapi.CommittedOpenApiTest;
import nc.esim.infra.quarkus.RealInfrastructure;

/** docs/openapi/notification-service.yaml is the contract partner shops generate clients from (the tests are inherited). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class OpenApiDocumentTest extends CommittedOpenApiTest {
    OpenApiDocumentTest() {
        super("notification-service");
    }
}
