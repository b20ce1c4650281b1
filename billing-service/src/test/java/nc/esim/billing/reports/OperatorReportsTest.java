package nc.esim.billing.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.Zones;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/** The operators' figures: the day's sales by kind, channel and method, and what expires soon. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OperatorReportsTest {
    private static final BillingApi API = new BillingApi(17);

    @Inject
    EntityManager entityManager;

    private static JsonPath sales() {
        return given().get("/api/v1/reports/sales").then().statusCode(200).extract().jsonPath();
    }

    private static long line(JsonPath report, String kind, String channel, String method, String field) {
        List<Map<String, Object>> lines = report.getList("lines");
        return lines.stream().filter(l -> kind.equals(l.get("kind")) && channel.equals(l.get("channel"))
                        && method.equals(l.get("paymentMethod")))
                .mapToLong(l -> ((Number) l.get(field)).longValue()).sum();
    }

    @Test
    void todaysSalesCountPaidOrdersByKindChannelAndMethodWithTheirRevenueInXpf() {
        JsonPath before = sales();
        String iccid = API.sell("TRAVEL-3D-3GB");
        BillingApi.order(iccid, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}").then().statusCode(201);
        BillingApi.order(iccid, "renewals", "{\"channel\":\"WECHAT\",\"paymentMethod\":\"WECHAT_PAY\"}")
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT"));

        JsonPath after = sales();
        assertThat(after.getString("day")).isEqualTo(LocalDate.now(Zones.NOUMEA).toString());
        assertThat(after.getString("currency")).isEqualTo("XPF");
        assertThat(after.getLong("orders") - before.getLong("orders")).isEqualTo(2);
        assertThat(after.getLong("revenueMinor") - before.getLong("revenueMinor")).isEqualTo(1500 + 1500);
        assertThat(line(after, "RENEWAL", "APP", "CARD", "orders") - line(before, "RENEWAL", "APP", "CARD", "orders"))
                .isEqualTo(1);
        assertThat(line(after, "RENEWAL", "APP", "CARD", "revenueMinor")
                - line(before, "RENEWAL", "APP", "CARD", "revenueMinor")).isEqualTo(1500);
        // the WeChat renewal is not paid yet: not revenue, but awaiting payment
        assertThat(line(after, "RENEWAL", "WECHAT", "WECHAT_PAY", "orders")
                - line(before, "RENEWAL", "WECHAT", "WECHAT_PAY", "orders")).isZero();
        assertThat(after.getLong("awaitingPayment") - before.getLong("awaitingPayment")).isEqualTo(1);
        assertThat(after.getLong("awaitingPaymentMinor") - before.getLong("awaitingPaymentMinor")).isEqualTo(1500);
    }

    @Test
    void anotherDaysSalesLeaveOutTodaysOrdersAndAMalformedDayIsAProblem() {
        API.sell("TRAVEL-3D-3GB");
        given().queryParam("day", "2001-01-01").get("/api/v1/reports/sales").then().statusCode(200)
                .body("orders", equalTo(0)).body("revenueMinor", equalTo(0));
        given().queryParam("day", "yesterday").get("/api/v1/reports/sales").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:invalid-day"));
    }

    @Test
    void subscriptionsExpiringWithinTheWindowAreCountedAndListedSoonestFirst() {
        String soon = API.sell("TRAVEL-3D-3GB");
        String sooner = API.sell("TRAVEL-3D-3GB");
        String later = API.sell("LOCAL-30D-50GB");
        Instant now = Instant.now();
        BillingApi.sql(entityManager, "update subscription set valid_until = ?1 where iccid = ?2",
                java.sql.Timestamp.from(now.plusSeconds(3_600)), sooner);
        BillingApi.sql(entityManager, "update subscription set valid_until = ?1 where iccid = ?2",
                java.sql.Timestamp.from(now.plusSeconds(48 * 3_600)), soon);
        JsonPath expiring = given().queryParam("hours", 72).queryParam("limit", 500).get("/api/v1/reports/expiring")
                .then().statusCode(200).extract().jsonPath();
        List<String> listed = expiring.getList("subscriptions.iccid");
        assertThat(listed).contains(soon, sooner).doesNotContain(later);
        assertThat(listed.indexOf(sooner)).isLessThan(listed.indexOf(soon));
        assertThat(expiring.getLong("count")).isGreaterThanOrEqualTo(listed.size());
        List<String> times = expiring.getList("subscriptions.validUntil");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
        given().queryParam("hours", 0).get("/api/v1/reports/expiring").then().statusCode(400);
        given().queryParam("limit", 501).get("/api/v1/reports/expiring").then().statusCode(400);
    }

    @Test
    void onlyOperatorsSeeWhatExpiresAndShopsSeeNoReport() {
        String shop = LocalAuth.bearer("reports-shop", Set.of("partner-shop"), "SHOP-REPORTS");
        String analyst = LocalAuth.bearer("reports-analyst", Set.of("analyst"), null);
        given().header("Authorization", shop).get("/api/v1/reports/sales").then().statusCode(403);
        given().header("Authorization", shop).get("/api/v1/reports/expiring").then().statusCode(403);
        given().header("Authorization", analyst).get("/api/v1/reports/sales").then().statusCode(200);
        given().header("Authorization", analyst).get("/api/v1/reports/expiring").then().statusCode(403);
        given().header("Authorization", "").get("/api/v1/reports/sales").then().statusCode(401);
    }
}
