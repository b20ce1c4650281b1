package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.Subscribers;

/**
 * Spend advice end to end on the packaged services: CDRs from the carrier, a forecast that says it is
 * too early rather than extrapolate a minute, the day's totals on esim.usage.daily.v1 once the day is
 * over (the platform's clock moved past midnight), billing's usage profile, and plan advice that matches
 * a hand computation with the seed catalog. And what a customer with a plan and a data pack is told as
 * both run out: what is left when the plan is used up, "no data left" only when the pack is too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the advice journey moves the platform's clock: it goes last
class SpendAdviceJourneyIT {
    private static final String SHOP = LocalAuth.bearer("advice-shop", Set.of("partner-shop"), "SHOP-ADVICE");
    private static final String ANALYST = LocalAuth.bearer("advice-analyst", Set.of("analyst"), null);
    private static final String DESK = LocalAuth.bearer("advice-desk", Set.of("support-desk"), null);
    private static final long GIB = 1L << 30;

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("advice", workDir, false,
                Map.of("usage-service", Map.of("usage.daily.publish-interval", "PT1S", "usage.daily.quiet-period", "PT1S")));
        platform = e2e.platform;
    }

    @AfterAll
    static void stopPlatform() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private static String billing(String path) {
        return platform.service("billing-service").url(path);
    }

    private static String usage(String path) {
        return platform.service("usage-service").url(path);
    }

    /** The platform's time (its clock may run ahead of the machine's). */
    private static Instant platformNow() {
        return Instant.now().plus(platform.clockOffset());
    }

    private static void dataSession(int n, long chargingId, long bytes) {
        String iccid = Subscribers.iccid(n);
        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            CdrV1 cdr = new CdrV1(CdrV1.SCHEMA_VERSION, "pgw-advice", chargingId, 1, iccid, Subscribers.msisdn(n),
                    UsageType.DATA, platformNow(), 0, bytes, 600, null, true);
            carrier.publishRaw(Topics.CDR, iccid, EventJson.write(cdr));
        }
    }

    private static JsonPath deliveryLog(String iccid) {
        return given().header("Authorization", DESK).queryParam("iccid", iccid)
                .get(platform.service("notification-service").url("/api/v1/notifications")).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    @Order(1)
    void aPlanUsedUpWhileAPackHoldsDataIsToldWhatIsLeftAndOnlyTheLastDataSaysOutOfDataAndSuspends() {
        int n = 7_101;
        String iccid = Subscribers.iccid(n);
        given().header("Authorization", SHOP).contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","email":"pack%d@example.com","language":"en"}"""
                        .formatted(iccid, Subscribers.msisdn(n), n))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        given().header("Authorization", SHOP).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"addOnCode\":\"DATA-1GB\",\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}")
                .post(billing("/api/v1/subscriptions/" + iccid + "/top-ups")).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).body("allowances", hasSize(2)));

        // the plan's 3 GB, all of it: drawn on the plan, which is older; the pack (1 GB and the first top-up's
        // bonus gigabyte) still there
        dataSession(n, 1, 3 * GIB);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deliveryLog(iccid)
                .getList("findAll { it.template == 'usage-data-100-more-left' }.channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS"));
        String line = Subscribers.msisdn(n).substring(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(platform.smsc().messages())
                .anySatisfy(sms -> {
                    assertThat(sms.destination()).isEqualTo(line);
                    assertThat(sms.text()).isEqualTo(
                            "You have used the 3 GB of one of your allowances. You still have 2 GB of data: you stay online.");
                }));
        JsonPath log = deliveryLog(iccid);
        // one session took the plan from 0 to 100 %: its 80 % is not told ("3 GB of 3 GB"), the 100 % is
        assertThat(log.getList("findAll { it.template.startsWith('usage-data-80') }")).isEmpty();
        assertThat(log.getList("findAll { it.template == 'usage-data-100' || it.template == 'usage-data-exhausted' }")).isEmpty();
        given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + iccid)).then()
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // then the pack's 2 GB: now the line is out of data, told once, and billing suspends it
        dataSession(n, 2, 2 * GIB);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deliveryLog(iccid)
                .getList("findAll { it.template == 'usage-data-exhausted' }.channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(billing("/api/v1/subscriptions/" + iccid)).then().body("status", org.hamcrest.Matchers.equalTo("SUSPENDED")));
        assertThat(deliveryLog(iccid).getList("findAll { it.template == 'usage-data-100' }")).isEmpty();
    }

    @Test
    @Order(2)
    void cdrsThenDailyTotalsInBillingThenAdviceThatMatchesAHandComputation() {
        int n = 7_100;
        String iccid = Subscribers.iccid(n);
        given().header("Authorization", SHOP).contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-7D-10GB","language":"en"}"""
                        .formatted(iccid, Subscribers.msisdn(n)))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).body("allowances", hasSize(1)));

        // two sessions of 1.25 GiB, just now
        Instant used = platformNow();
        dataSession(n, 1, 5 * GIB / 4);
        dataSession(n, 2, 5 * GIB / 4);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).extract().jsonPath()
                .getLong("totals.dataBytes")).isEqualTo(5 * GIB / 2));

        // a minute of use is no basis for a rate
        JsonPath forecast = given().header("Authorization", SHOP).get(usage("/api/v1/usage/" + iccid + "/summary"))
                .then().extract().jsonPath();
        assertThat(forecast.getString("forecast.outcome")).isEqualTo("TOO_EARLY");
        assertThat(forecast.getString("forecast.message")).startsWith("Too early to forecast: 2.5 GB used in ")
                .endsWith("7.5 GB left.");
        assertThat(forecast.getString("forecast.dataBytesPerDay")).isNull();

        // the day ends: move every service's clock past the next Nouméa midnight
        LocalDate usedOn = LocalDate.ofInstant(used, Zones.NOUMEA);
        Instant midnight = usedOn.plusDays(1).atStartOfDay(Zones.NOUMEA).toInstant();
        platform.moveClock(Duration.between(Instant.now(), midnight).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS));
        // (the offset is from the machine's time, which is where Platform#moveClock measures from)

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().header("Authorization", SHOP)
                .get(billing("/api/v1/subscriptions/" + iccid + "/plan-advice")).then().statusCode(200).extract()
                .jsonPath().getLong("usage.dataBytes")).isEqualTo(5 * GIB / 2));
        JsonPath advice = given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + iccid + "/plan-advice"))
                .then().statusCode(200).extract().jsonPath();

        // by hand: the sale paid 3,500 XPF; the 2.5 GiB of that day fit TRAVEL-3D-3GB (1,500), TRAVEL-7D-10GB
        // (3,500) and LOCAL-30D-50GB (5,900), each bought once; the cheapest saves 2,000
        assertThat(advice.getString("to")).isEqualTo(usedOn.toString());
        assertThat(advice.getLong("paid.xpf")).isEqualTo(3_500);
        assertThat(advice.getString("cheapest.planCode")).isEqualTo("TRAVEL-3D-3GB");
        assertThat(advice.getLong("cheapest.cost.xpf")).isEqualTo(1_500);
        assertThat(advice.getList("options.planCode"))
                .containsExactly("TRAVEL-3D-3GB", "TRAVEL-7D-10GB", "LOCAL-30D-50GB");
        assertThat(advice.getList("options.cost.xpf")).containsExactly(1_500, 3_500, 5_900);
        assertThat(advice.getLong("saving.xpf")).isEqualTo(2_000);
        assertThat(advice.getString("explanation")).endsWith("this line used 2.5 GB of data, 0 minutes of calls and "
                + "0 SMS, and 3,500 XPF was paid; Travel 3 days, 3 GB once would have covered it for 1,500 XPF, 2,000 XPF less.");

        // personal: an analyst may not read it
        given().header("Authorization", ANALYST).get(billing("/api/v1/subscriptions/" + iccid + "/plan-advice"))
                .then().statusCode(403);
    }
}
