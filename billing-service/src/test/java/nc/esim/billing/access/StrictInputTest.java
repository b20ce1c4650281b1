package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import nc.esim.billing.support.BillingApi;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The bodies a careless client sent in the security sweep, which were executed instead of refused:
 * trailing garbage, numbers for enums and booleans, fractions for integers, strings for numbers and
 * numbers for strings, duplicate keys (then a 500 with no body), an array where an object belongs, and
 * a body that does not say it is JSON. Each is a 400 (415) problem with a type and no Java names,
 * and nothing changes.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class StrictInputTest {
    private static final BillingApi API = new BillingApi(18);

    @Inject
    EntityManager entityManager;

    private static Response put(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).put(path);
    }

    private static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:" + type))
                .body("detail", not(containsString("java.")))
                .body("detail", not(containsString("nc.esim")))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void trailingGarbageAfterTheObjectIsRefusedAndNothingIsExecuted() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        Instant until = BillingApi.validUntil(iccid);
        List<String> events = BillingApi.events(entityManager, iccid);
        for (String path : List.of("renewals", "top-ups", "extensions")) {
            String body = path.equals("renewals") ? "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}xyz{"
                    : "{\"addOnCode\":\"" + (path.equals("top-ups") ? "DATA-1GB" : "EXTEND-7D")
                    + "\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"} {\"again\":1}";
            // 'xyz' is no JSON token at all; a second object is a well-formed token that may not follow
            problem(BillingApi.order(iccid, path, body), 400, "malformed-json").body("detail", containsString(
                    path.equals("renewals") ? "not one well-formed JSON object" : "Nothing may follow"));
        }
        problem(put("/api/v1/subscriptions/" + iccid + "/counter-party-consent", "{\"granted\":true}]"), 400, "malformed-json");
        problem(put("/api/v1/subscriptions/" + iccid + "/auto-renewal", "{\"enabled\":false}x"), 400, "malformed-json");
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(until);
        assertThat(BillingApi.events(entityManager, iccid)).isEqualTo(events);
    }

    @Test
    void aNumberIsNeverAnEnumNorABoolean() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        List<String> events = BillingApi.events(entityManager, iccid);
        problem(BillingApi.order(iccid, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":1}"), 400, "invalid-field")
                .body("detail", containsString("paymentMethod")).body("detail", containsString("one of"));
        problem(put("/api/v1/subscriptions/" + iccid + "/counter-party-consent", "{\"granted\":1}"), 400, "invalid-field")
                .body("detail", equalTo("Field 'granted' must be true or false"));
        problem(put("/api/v1/subscriptions/" + iccid + "/auto-renewal", "{\"enabled\":1,\"paymentMethod\":\"CARD\"}"), 400,
                "invalid-field");
        given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).body("autoRenew", not(equalTo(true)));
        assertThat(BillingApi.events(entityManager, iccid)).isEqualTo(events);
    }

    @Test
    void aFractionIsNoIntegerAStringNoNumberAndANumberNoString() {
        String plan = "/api/v1/plans/STRICT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        problem(put(plan, "{\"name\":\"Strict\",\"dataBytes\":1.5,\"validityDays\":2,\"priceMinor\":900}"), 400,
                "invalid-field").body("detail", equalTo("Field 'dataBytes' must be an integer"));
        problem(put(plan, "{\"name\":\"Strict\",\"dataBytes\":1024,\"validityDays\":\"3\",\"priceMinor\":900}"), 400,
                "invalid-field").body("detail", equalTo("Field 'validityDays' must be an integer"));
        problem(put(plan, "{\"name\":123,\"dataBytes\":1024,\"validityDays\":3,\"priceMinor\":900}"), 400,
                "invalid-field").body("detail", equalTo("Field 'name' must be a string"));
        given().get("/api/v1/plans?includeRetired=true").then().statusCode(200)
                .body("code", not(org.hamcrest.Matchers.hasItem(plan.substring(plan.lastIndexOf('/') + 1))));
    }

    @Test
    void aKeyGivenTwiceIsAProblemNotAServerError() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String plan = "/api/v1/plans/TWICE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        problem(put(plan, "{\"name\":\"A\",\"name\":\"B\",\"dataBytes\":1024,\"validityDays\":3,\"priceMinor\":900}"), 400,
                "malformed-json").body("detail", equalTo("Key 'name' appears more than once"));
        problem(put("/api/v1/subscriptions/" + iccid + "/counter-party-consent", "{\"granted\":false,\"granted\":true}"), 400,
                "malformed-json");
        problem(put("/api/v1/subscriptions/" + iccid + "/auto-renewal",
                "{\"enabled\":false,\"enabled\":true,\"paymentMethod\":\"CARD\"}"), 400, "malformed-json");
    }

    @Test
    void anArrayOrANumberWhereAnObjectBelongsIsAProblem() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        problem(BillingApi.order(iccid, "renewals", "[{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}]"), 400, "malformed-json")
                .body("detail", equalTo("The body must be a JSON object"));
        problem(BillingApi.order(iccid, "renewals", "42"), 400, "malformed-json");
        problem(BillingApi.order(iccid, "renewals", "{\"channel\":"), 400, "malformed-json");
    }

    @Test
    void aBodyThatDoesNotSayItIsJsonIsRefusedWith415() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        List<String> events = BillingApi.events(entityManager, iccid);
        problem(given().contentType(ContentType.TEXT).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + iccid + "/renewals"), 415, "unsupported-media-type");
        assertThat(BillingApi.events(entityManager, iccid)).isEqualTo(events);
    }

    @Test
    void aLongUriOrLargeHeadersAreProblemsNotEmptyAnswers() {
        problem(given().get("/api/v1/plans/" + "x".repeat(5_000)), 414, "uri-too-long");
        problem(given().header("X-Padding", "x".repeat(9_000)).get("/api/v1/plans"), 431, "headers-too-large");
        given().get("/api/v1/plans").then().statusCode(200); // and the next call is served
    }

    @Test
    void everyErrorIsAProblemWithATypeIncludingRoleChecksUnknownPathsAndUnparseableParameters() {
        problem(given().get("/api/v1/no-such-resource"), 404, "not-found");
        problem(given().get("/api/v1/audit-log?limit=abc"), 400, "invalid-parameter");
        problem(given().get("/api/v1/audit-log?before=12x"), 400, "invalid-parameter");
        problem(given().header("Authorization", LocalAuth.bearer("strict-shop", Set.of("partner-shop"), "SHOP-STRICT"))
                .get("/api/v1/audit-log"), 403, "forbidden");
        problem(given().delete("/api/v1/plans"), 405, "method-not-allowed");
    }
}
