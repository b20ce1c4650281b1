package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.sweep.BadInputSweep;

/**
 * The bad-input sweep of the security review, generated from this service's OpenAPI document and run
 * against every operation: each answer a typed problem, never a 5xx, no internals, no state changed.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BadInputSweepTest {
    @Inject
    DataSource dataSource;

    @Test
    void everyOperationAnswersBadInputWithATypedProblemNeverAServerErrorAndChangesNothing() throws Exception {
        BadInputSweep.Result result = BadInputSweep.run(LocalAuth.allRoles(), dataSource);
        System.out.println("bad-input sweep: " + result.calls() + " calls, " + result.violations().size() + " violations");
        assertThat(result.calls()).isGreaterThan(50);
        assertThat(result.violations()).isEmpty();
        given().noFilters().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void asACustomerEveryOperationAnswersBadInputWithATypedProblemNeverAServerErrorAndChangesNothing() throws Exception {
        // the customer's own routes (me/bindings, me/bindings/confirm) take bodies no staff token reaches
        BadInputSweep.Result result = BadInputSweep.run(LocalAuth.customer("sweep-customer", "APP"), dataSource);
        System.out.println("bad-input sweep as a customer: " + result.calls() + " calls, " + result.violations().size() + " violations");
        assertThat(result.calls()).isGreaterThan(50);
        assertThat(result.violations()).isEmpty();
    }
}
