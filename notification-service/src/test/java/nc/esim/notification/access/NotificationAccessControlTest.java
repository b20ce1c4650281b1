package nc.esim.notification.access;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.auth.BadTokens;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The role matrix of notification-service (docs/access-control.md): the delivery log (masked
 * destinations) is for the support desk and operators; no or bad token is 401.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class NotificationAccessControlTest {
    private static final String DELIVERY_LOG = "/api/v1/notifications?iccid="
            + Identifiers.withLuhnDigit("896870399999999999");

    static Stream<Arguments> matrix() {
        return Stream.of(Arguments.of("partner-shop", 403), Arguments.of("support-desk", 200),
                Arguments.of("operator", 200), Arguments.of("analyst", 403));
    }

    @ParameterizedTest(name = "delivery log as {0}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatTheMatrixAllows(String role, int expected) {
        given().header("Authorization", LocalAuth.bearer("acl-" + role, Set.of(role),
                "partner-shop".equals(role) ? "SHOP-ACL" : null)).get(DELIVERY_LOG).then().statusCode(expected);
    }

    @ParameterizedTest(name = "audit log as {0}")
    @MethodSource("matrix")
    void onlyOperatorsReadTheAuditLog(String role, int deliveryLogStatus) {
        given().header("Authorization", LocalAuth.bearer("acl-" + role, Set.of(role),
                "partner-shop".equals(role) ? "SHOP-ACL" : null)).get("/api/v1/audit-log")
                .then().statusCode("operator".equals(role) ? 200 : 403);
    }

    static Stream<Arguments> preferenceMatrix() {
        return Stream.of(Arguments.of("partner-shop", 200), Arguments.of("support-desk", 200),
                Arguments.of("operator", 403), Arguments.of("analyst", 403));
    }

    @ParameterizedTest(name = "preferences as {0}")
    @MethodSource("preferenceMatrix")
    void theShopsAndTheSupportDeskManagePreferences(String role, int expected) {
        String path = "/api/v1/preferences/" + Identifiers.withLuhnDigit("896870399999999998");
        String bearer = LocalAuth.bearer("acl-" + role, Set.of(role), "partner-shop".equals(role) ? "SHOP-ACL" : null);
        given().header("Authorization", bearer).get(path).then().statusCode(expected);
        given().header("Authorization", bearer).contentType("application/json")
                .body("{\"emailService\":true,\"emailMarketing\":false,\"smsService\":true,\"smsMarketing\":false,\"language\":\"fr\"}")
                .put(path).then().statusCode(expected);
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.carrying("support-desk").entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "a token {0} is refused")
    @MethodSource("badTokens")
    void tokensThatMustNotPassAreRefusedWith401(String what, String token) {
        given().noFilters().header("Authorization", "Bearer " + token).get(DELIVERY_LOG).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheDeliveryLogIs401ButHealthAndMetricsAreOpen() {
        given().noFilters().get(DELIVERY_LOG).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        for (String open : List.of("/q/health/ready", "/q/metrics")) {
            given().noFilters().get(open).then().statusCode(200);
        }
    }
}
