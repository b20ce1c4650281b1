package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * A caller over its rate gets 429 with Retry-After, other callers do not notice; a large body gets 413; refusals
 * given ahead of authentication are audited, a flood of them as counts.
 */
@QuarkusTest
@TestProfile(RateAndSizeLimitsTest.LowLimits.class)
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RateAndSizeLimitsTest {

    /**
     * Three requests in a burst, then one a minute: a test can exhaust it without racing the refill, however
     * slowly a loaded machine answers its first requests (at one a second, it refilled one in time).
     */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("esim.api.rate-limit.burst", "3", "esim.api.rate-limit.requests-per-second", "0.0166667",
                    "esim.api.max-body-bytes", "1024",
                    "esim.api.refused-rate-limit.burst", "3", "esim.api.refused-rate-limit.requests-per-second", "0.0166667",
                    "esim.audit.refused-summary-interval", "1s");
        }
    }

    private static String token(String subject) {
        return LocalAuth.bearer(subject, Set.of("operator"), null);
    }

    @Test
    void aCallerOverItsRateGets429WithRetryAfterWhileAnotherCallerIsServed() {
        String greedy = token("greedy-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", greedy).get("/api/v1/plans").then().statusCode(200);
        }
        String retryAfter = given().header("Authorization", greedy).get("/api/v1/plans").then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:rate-limited"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(50, 60); // the next request's token, a minute after the first
        given().header("Authorization", token("patient-" + UUID.randomUUID())).get("/api/v1/plans").then().statusCode(200);
        given().noFilters().get("/q/health/ready").then().statusCode(200); // health is not limited
    }

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() {
        String code = "BIG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String name = "x".repeat(2_000);
        given().header("Authorization", token("writer-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"dataBytes\":1,\"validityDays\":1,\"priceMinor\":1}".formatted(name))
                .put("/api/v1/plans/" + code).then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:body-too-large"));
        given().header("Authorization", token("reader-" + UUID.randomUUID())).get("/api/v1/plans/" + code)
                .then().statusCode(404);
        // refused ahead of every resource, it is audited all the same, as itself (one refusal in its interval)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
            io.restassured.path.json.JsonPath log = given().header("Authorization", token("auditor-" + UUID.randomUUID()))
                    .queryParam("caller", "anonymous").get("/api/v1/audit-log").then().statusCode(200).extract().jsonPath();
            assertThat(log.getList("entries.findAll { it.path == '/api/v1/plans/" + code + "' }.status", Integer.class))
                    .containsExactly(413);
            assertThat(log.getString("entries.find { it.path == '/api/v1/plans/" + code + "' }.method")).isEqualTo("PUT");
        });
    }

    @Test
    void anAddressWhoseCallsAreRefusedForWantOfATokenIsCutOffBeforeAuthenticationAndItsFloodLeavesFewAuditRows() {
        String path = "/api/v1/plans/FLOOD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(given().noFilters().contentType(ContentType.JSON).body("{}").put(path).then().extract().statusCode());
        }
        assertThat(statuses.subList(0, 3)).containsOnly(401);
        assertThat(statuses.subList(3, 10)).containsOnly(429);
        given().noFilters().put(path).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:rate-limited")).header("Retry-After", notNullValue());

        // calls with a token still reach authentication: forged ones are refused, counted and summarised
        for (int i = 0; i < 7; i++) {
            given().noFilters().header("Authorization", "Bearer forged-" + i).contentType(ContentType.JSON).body("{}")
                    .put(path).then().statusCode(401);
        }
        // a call with a valid token from the same address is still served, and the flood left three audit rows
        // and summaries of the seven forged ones
        String operator = token("auditor-" + UUID.randomUUID());
        given().header("Authorization", operator).get("/api/v1/plans").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
            // a token of its own for each look: this profile lets one token make three calls a minute
            io.restassured.path.json.JsonPath log = given().header("Authorization", token("auditor-" + UUID.randomUUID()))
                    .queryParam("caller", "anonymous")
                    .get("/api/v1/audit-log").then().statusCode(200).extract().jsonPath();
            assertThat(log.getList("entries.findAll { it.path == '" + path + "' }")).hasSize(3);
            // summarised every second here: the seven may fall into more than one summary
            long summarised = log.getList("entries.path", String.class).stream()
                    .filter(p -> p.endsWith(" more calls refused for want of a valid token, counted, not recorded one by one)"))
                    .mapToLong(p -> Long.parseLong(p.substring(1, p.indexOf(' ')))).sum();
            assertThat(summarised).isEqualTo(7);
            // the eight 429s given ahead of authentication are counted too, in entries of their own
            long cutOff = log.getList("entries.findAll { it.status == 429 }.path", String.class).stream()
                    .filter(p -> p.contains(" calls refused before authentication: rate-limited, the first PUT " + path + ")"))
                    .mapToLong(p -> Long.parseLong(p.substring(1, p.indexOf(' ')))).sum();
            assertThat(cutOff).isEqualTo(8);
        });
    }
}
