package nc.esim.notification.access;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.auth.BadTokens;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.notification.customers.Customers;

/**
 * The role matrix of notification-service (docs/access-control.md): the delivery log (masked
 * destinations) is for the support desk and operators; no or bad token is 401.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class NotificationAccessControlTest {
    private static final String DELIVERY_LOG = "/api/v1/notifications?iccid="
            + Identifiers.withLuhnDigit("896870399999999999");

    private static final String PREFERENCES_ICCID = Identifiers.withLuhnDigit("896870399999999998");
    /** The customer account both eSIMs of the matrix are bound to. */
    private static final String CUSTOMER = "acl-customer";

    @BeforeAll
    static void theMatrixEsimsAreBoundToTheCustomer() {
        String logged = DELIVERY_LOG.substring(DELIVERY_LOG.indexOf('=') + 1);
        for (String iccid : List.of(logged, PREFERENCES_ICCID)) {
            RealInfrastructure.events().publish(Topics.CUSTOMER_BINDING, EventMetadata.newEvent(
                    CustomerBindingV1.Type.BOUND.cloudEventType(), "/billing-service", iccid, Instant.now()),
                    new CustomerBindingV1(1, CustomerBindingV1.Type.BOUND, CUSTOMER, iccid, 1, Instant.now()));
        }
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), "notification-service.customer-bindings",
                Topics.CUSTOMER_BINDING, Duration.ofSeconds(60));
    }

    @Inject
    Customers customers;

    /** The preferences' eSIM was sold: billing told the notifier of it (preferences exist only for such). */
    @BeforeEach
    void thePreferencesEsimIsKnown() {
        QuarkusTransaction.requiringNew().run(() -> customers.remember(PREFERENCES_ICCID, "+687779998", null, "fr",
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static String bearer(String role) {
        return "customer".equals(role) ? LocalAuth.customer(CUSTOMER, "WEB")
                : LocalAuth.bearer("acl-" + role, Set.of(role), "partner-shop".equals(role) ? "SHOP-ACL" : null);
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Arguments.of("partner-shop", 403), Arguments.of("support-desk", 200),
                Arguments.of("operator", 200), Arguments.of("analyst", 403), Arguments.of("customer", 200));
    }

    @ParameterizedTest(name = "delivery log as {0}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatTheMatrixAllows(String role, int expected) {
        given().header("Authorization", bearer(role)).get(DELIVERY_LOG).then().statusCode(expected);
    }

    @ParameterizedTest(name = "audit log as {0}")
    @MethodSource("matrix")
    void onlyOperatorsReadTheAuditLog(String role, int deliveryLogStatus) {
        given().header("Authorization", bearer(role)).get("/api/v1/audit-log")
                .then().statusCode("operator".equals(role) ? 200 : 403);
    }

    @Test
    void aCustomerReadsNeitherTheDeliveryLogNorThePreferencesOfAnEsimNotBoundToIt() {
        String other = Identifiers.withLuhnDigit("896870399999999997");
        String customer = bearer("customer");
        given().header("Authorization", customer).queryParam("iccid", other).get("/api/v1/notifications")
                .then().statusCode(404).body("type", org.hamcrest.Matchers.equalTo("urn:esim:problem:unknown-iccid"));
        given().header("Authorization", customer).get("/api/v1/preferences/" + other).then().statusCode(404);
        given().header("Authorization", customer).contentType("application/json")
                .body("{\"emailService\":true,\"emailMarketing\":true,\"smsService\":true,\"smsMarketing\":true,\"language\":\"fr\"}")
                .put("/api/v1/preferences/" + other).then().statusCode(404);
    }

    static Stream<Arguments> preferenceMatrix() {
        return Stream.of(Arguments.of("partner-shop", 200), Arguments.of("support-desk", 200),
                Arguments.of("operator", 403), Arguments.of("analyst", 403), Arguments.of("customer", 200));
    }

    @ParameterizedTest(name = "preferences as {0}")
    @MethodSource("preferenceMatrix")
    void theShopsTheSupportDeskAndTheCustomerManagePreferences(String role, int expected) {
        String path = "/api/v1/preferences/" + PREFERENCES_ICCID;
        String bearer = bearer(role);
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
