package nc.esim.usage.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.quarkus.RealInfrastructure;

/** The address the start command prints leads somewhere: the root names the API documents, health and metrics. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class ServiceIndexTest {

    @Test
    void theRootNeedsNoTokenAndLinksToTheOpenApiUiHealthAndMetrics() {
        given().noFilters().get("/").then().statusCode(200).contentType("text/html")
                .body(containsString("usage-service")).body(containsString("href=\"/q/swagger-ui\""))
                .body(containsString("href=\"/q/health\"")).body(containsString("href=\"/q/metrics\""));
    }
}
