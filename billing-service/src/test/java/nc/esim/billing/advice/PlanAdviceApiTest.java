package nc.esim.billing.advice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.usage.UsageDailyV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The plan advice over daily usage that arrives on the real broker, with the seed catalog:
 * TRAVEL-3D-3GB 1,500, TRAVEL-7D-10GB 3,500, LOCAL-30D-50GB 5,900; DATA-1GB 800, DATA-5GB 2,500,
 * EXTEND-7D 1,200 (XPF).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class PlanAdviceApiTest {
    private static final long MB = 1L << 20;
    private static final BillingApi API = new BillingApi(21);
    private static final EventPublisher publisher = RealInfrastructure.events();
    private static final LocalDate TODAY = LocalDate.now(Zones.NOUMEA);

    @Inject
    EntityManager entityManager;

    private static String heavyUser;

    private static UsageDailyV1 day(String iccid, LocalDate day, long dataBytes, long revision) {
        return new UsageDailyV1(UsageDailyV1.SCHEMA_VERSION, iccid, day, dataBytes, 0, 0, 10, 0, 0, 0, revision, Instant.now());
    }

    private static void publish(UsageDailyV1... days) {
        List<EventPublisher.Event> events = new ArrayList<>();
        for (UsageDailyV1 day : days) {
            events.add(new EventPublisher.Event(new EventMetadata(day.eventId(), UsageDailyV1.CLOUD_EVENT_TYPE,
                    "/usage-service", day.iccid(), Instant.now()), day));
        }
        publisher.publishAll(Topics.USAGE_DAILY, events);
    }

    private static JsonPath advice(String iccid, String query) {
        return given().get("/api/v1/subscriptions/" + iccid + "/plan-advice" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * A TRAVEL-7D-10GB sold 30 days ago with two DATA-5GB top-ups, and 500 MB used every day since; made
     * on first use (REST Assured knows the application's port only once a test runs).
     */
    @BeforeEach
    void aHeavyUserOfAWeeklyPlan() {
        if (heavyUser != null) {
            return;
        }
        heavyUser = API.sell("TRAVEL-7D-10GB");
        for (int i = 0; i < 2; i++) {
            BillingApi.order(heavyUser, "top-ups", "{\"addOnCode\":\"DATA-5GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                    .then().statusCode(201);
        }
        List<UsageDailyV1> days = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            days.add(day(heavyUser, TODAY.minusDays(i), 500 * MB, 1));
        }
        publish(days.toArray(UsageDailyV1[]::new));
        backdate(heavyUser);
    }

    private void backdate(String iccid) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("update subscription set activated_at = now() - interval '30 days' where iccid = ?1")
                    .setParameter(1, iccid).executeUpdate();
            entityManager.createNativeQuery("""
                    update customer_order set confirmed_at = now() - interval '20 days', created_at = now() - interval '20 days'
                    where subscription_id = (select id from subscription where iccid = ?1)""")
                    .setParameter(1, iccid).executeUpdate();
        });
    }

    @Test
    void theAdviceComparesEachPlanOnSaleForTheSameUsageToTheFranc() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(advice(heavyUser, "").getLong("usage.dataBytes")).isEqualTo(30 * 500 * MB));
        JsonPath advice = advice(heavyUser, "?days=30");

        assertThat(advice.getString("from")).isEqualTo(TODAY.minusDays(30).toString());
        assertThat(advice.getString("to")).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(advice.getInt("usage.daysWithUsage")).isEqualTo(30);
        // the sale and two top-ups: 3,500 + 2 × 2,500
        assertThat(advice.getLong("paid.xpf")).isEqualTo(8_500);
        assertThat(advice.getInt("ordersInPeriod")).isEqualTo(3);
        assertThat(advice.getString("currentPlanCode")).isEqualTo("TRAVEL-7D-10GB");

        // LOCAL-30D-50GB holds the 15,000 MB: 5,900
        assertThat(advice.getLong("options.find { it.planCode == 'LOCAL-30D-50GB' }.cost.xpf")).isEqualTo(5_900);
        // TRAVEL-7D-10GB: once for 35 days (4 × EXTEND-7D) with one DATA-5GB for the 4,760 MB over its
        // 10 GB: 3,500 + 4,800 + 2,500 = 10,800, less than 5 weekly purchases (17,500)
        assertThat(advice.getLong("options.find { it.planCode == 'TRAVEL-7D-10GB' }.cost.xpf")).isEqualTo(10_800);
        assertThat(advice.getString("options.find { it.planCode == 'TRAVEL-7D-10GB' }.description"))
                .isEqualTo("Travel 7 days, 10 GB once, with 4 × Seven more days and 1 × Data pack 5 GB");
        // TRAVEL-3D-3GB: 12,900 at best (3 ten-day purchases with 2 × DATA-1GB each, or one 31-day one)
        assertThat(advice.getLong("options.find { it.planCode == 'TRAVEL-3D-3GB' }.cost.xpf")).isEqualTo(12_900);
        assertThat(advice.getLong("cheapest.cost.xpf")).isLessThanOrEqualTo(5_900);
        assertThat(advice.getLong("saving.xpf")).isEqualTo(8_500 - advice.getLong("cheapest.cost.xpf"));
        assertThat(advice.getString("explanation")).startsWith("Over the 30 days from " + TODAY.minusDays(30) + " to "
                + TODAY.minusDays(1) + " this line used 14.6 GB of data, 0 minutes of calls and 0 SMS, and 8,500 XPF was paid; ");
    }

    @Test
    void amountsAreAlsoGivenInAnotherCurrencyAtTodaysRate() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(advice(heavyUser, "").getLong("usage.dataBytes")).isEqualTo(30 * 500 * MB));
        JsonPath advice = advice(heavyUser, "?currency=EUR");
        // 5,900 XPF at 119.33174 XPF per euro: 49.44 EUR
        assertThat(advice.getString("options.find { it.planCode == 'LOCAL-30D-50GB' }.cost.currency")).isEqualTo("EUR");
        assertThat(advice.getLong("options.find { it.planCode == 'LOCAL-30D-50GB' }.cost.amountMinor")).isEqualTo(4_944);
        assertThat(advice.getLong("paid.amountMinor")).isEqualTo(7_123); // 8,500 / 119.33174 = 71.229…
    }

    @Test
    void aReplayedOrOlderRevisionOfADayNeverTakesItBack() {
        String iccid = API.sell("LOCAL-30D-50GB");
        backdate(iccid);
        LocalDate yesterday = TODAY.minusDays(1);
        publish(day(iccid, yesterday, 300 * MB, 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(advice(iccid, "?days=1").getLong("usage.dataBytes")).isEqualTo(300 * MB));
        publish(day(iccid, yesterday, 100 * MB, 1), day(iccid, yesterday, 300 * MB, 2), day(iccid, TODAY.minusDays(2), 1, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(advice(iccid, "?days=2").getLong("usage.dataBytes")).isEqualTo(300 * MB + 1));
        assertThat(advice(iccid, "?days=1").getLong("usage.dataBytes")).isEqualTo(300 * MB);
    }

    @Test
    void badInputIsAProblemAnUnknownSubscriptionNotFoundAndALineActivatedTodayTooEarlyToAdvise() {
        for (String query : List.of("?days=0", "?days=367", "?days=thirty")) {
            given().get("/api/v1/subscriptions/" + heavyUser + "/plan-advice" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:invalid-days"));
        }
        given().get("/api/v1/subscriptions/" + heavyUser + "/plan-advice?currency=XYZ").then().statusCode(400)
                .body("type", equalTo("urn:esim:problem:invalid-currency"));
        given().get("/api/v1/subscriptions/" + Identifiers.withLuhnDigit("896879999999999999") + "/plan-advice").then().statusCode(404)
                .body("type", equalTo("urn:esim:problem:subscription-not-found"));
        String sold = API.sell("TRAVEL-3D-3GB"); // today: no closed day yet
        given().get("/api/v1/subscriptions/" + sold + "/plan-advice").then().statusCode(200).body("days", equalTo(0))
                .body("options", org.hamcrest.Matchers.empty())
                .body("explanation", equalTo("The line was activated today: advice needs at least one closed day of usage."));
    }
}
