package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.sweep.BadInputSweep;

/**
 * The bad-input sweep of the security review, generated from this service's OpenAPI document and run
 * against every operation as each role, a customer, every staff role at once and without a token: each
 * answer a typed problem, never a 5xx, no internals, no state changed.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BadInputSweepTest {
    @Inject
    DataSource dataSource;

    @Test
    void asEveryRoleAndWithoutATokenEveryOperationAnswersBadInputWithATypedProblemNeverAServerErrorAndChangesNothing()
            throws Exception {
        BadInputSweep.Result result = BadInputSweep.runAsEveryCaller(dataSource);
        System.out.println(result.summary());
        assertThat(result.calls()).isGreaterThan(300);
        assertThat(result.violations()).isEmpty();
        assertThat(result.fieldsRefused()).isPositive(); // the typed bodies reached the JSON reader, not only role checks
        given().noFilters().get("/q/health/ready").then().statusCode(200);
    }
}
