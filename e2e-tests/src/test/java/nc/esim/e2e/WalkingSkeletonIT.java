package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.GroundTruth;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;

/**
 * The three packaged services, each in its own JVM, on a real Kafka broker and real PostgreSQL:
 * billing sells plans, usage-service learns the allowances from billing's events, the simulator's
 * CDRs (resent, late, out-of-order and malformed ones included) are counted, and the usage summary
 * over REST equals the simulator's ground truth exactly.
 */
class WalkingSkeletonIT {
    private static final int FIRST = 1_000;
    private static final int SUBSCRIBERS = 5;

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("e2e", workDir);
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

    /** Sells TRAVEL-3D-3GB to simulated eSIM number {@code n} and returns its ICCID. */
    private static String soldTravel3Days(int n, String language) {
        String iccid = Subscribers.iccid(n);
        given().contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","language":"%s"}"""
                        .formatted(iccid, Subscribers.msisdn(n), language))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        return iccid;
    }

    private static String usage(String path) {
        return platform.service("usage-service").url(path);
    }

    private static JsonPath summaryEquals(String iccid, GroundTruth.Totals expected) {
        return e2e.assertUsageTotals(iccid, expected);
    }

    @Test
    void soldPlansThenSimulatedCdrsGiveUsageSummariesEqualToTheGroundTruth() {
        for (int i = FIRST; i < FIRST + SUBSCRIBERS; i++) {
            given().contentType(ContentType.JSON).body("""
                            {"iccid":"%s","msisdn":"%s","planCode":"LOCAL-30D-50GB","email":"c%d@example.nc","language":"fr"}"""
                            .formatted(Subscribers.iccid(i), Subscribers.msisdn(i), i))
                    .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        }
        // usage-service has the allowances once billing's outbox has relayed the events
        for (int i = FIRST; i < FIRST + SUBSCRIBERS; i++) {
            String iccid = Subscribers.iccid(i);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(usage("/api/v1/usage/" + iccid + "/summary"))
                    .then().statusCode(200).body("allowances", hasSize(1)));
        }

        SimulationProfile profile = SimulationProfile.realistic(SUBSCRIBERS, 2026, LocalDate.now(Zones.NOUMEA))
                .startingAt(FIRST);
        CdrGenerator generator = CdrGenerator.live(profile, Clock.systemUTC());
        try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
            publisher.publish(generator, 5_000, 0, () -> false);
        }
        GroundTruth truth = generator.groundTruth();
        assertThat(truth.duplicates()).isPositive();
        assertThat(truth.malformed()).isPositive();

        ConsumerLag.awaitCaughtUp(platform.broker().asAdmin(), "usage-service.cdr-ingest", Topics.CDR,
                Duration.ofSeconds(120));
        truth.totalsByIccid().forEach((iccid, expected) -> {
            JsonPath summary = summaryEquals(iccid, expected);
            // what is in bundle plus what is out of it is everything
            assertThat(summary.getLong("allowances[0].data.used") + summary.getLong("outOfBundle.dataBytes"))
                    .as(iccid).isEqualTo(expected.dataBytes());
        });
    }

    @Test
    void aUsageServiceKilledInTheMiddleOfIngestLosesNothingAndCountsNothingTwice() throws Exception {
        int first = FIRST + 200;
        for (int i = first; i < first + SUBSCRIBERS; i++) {
            given().contentType(ContentType.JSON).body("""
                            {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-7D-10GB","language":"en"}"""
                            .formatted(Subscribers.iccid(i), Subscribers.msisdn(i)))
                    .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        }
        SimulationProfile profile = SimulationProfile.realistic(SUBSCRIBERS, 7, LocalDate.now(Zones.NOUMEA))
                .startingAt(first);
        CdrGenerator generator = CdrGenerator.live(profile, Clock.systemUTC());
        Thread carrier = new Thread(() -> {
            try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
                publisher.publish(generator, 20_000, 2_000, () -> false); // about 10 s of traffic
            }
        });
        carrier.start();
        Thread.sleep(3_000);
        platform.crashAndRestart("usage-service"); // kill -9 while batches are in flight
        carrier.join();

        ConsumerLag.awaitCaughtUp(platform.broker().asAdmin(), "usage-service.cdr-ingest", Topics.CDR,
                Duration.ofSeconds(120));
        generator.groundTruth().totalsByIccid().forEach(WalkingSkeletonIT::summaryEquals);
    }

    @Test
    void aSoldPlanIsNotifiedByEmailAndSmsWhichReachTheSmtpServerAndTheSmsCentre() {
        String iccid = Subscribers.iccid(FIRST + 100);
        given().contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","email":"visitor@example.com","language":"en"}"""
                        .formatted(iccid, Subscribers.msisdn(FIRST + 100)))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("iccid", iccid)
                .get(platform.service("notification-service").url("/api/v1/notifications"))
                .then().statusCode(200)
                .body("channel", containsInAnyOrder("EMAIL", "SMS"))
                .body("[0].language", equalTo("en"))
                .body("find { it.channel == 'EMAIL' }.status", equalTo("SENT"))
                .body("find { it.channel == 'SMS' }.status", equalTo("DELIVERED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(platform.smtp().received().stream()
                .map(nc.esim.infra.mail.LocalSmtp::summary))
                .contains("visitor@example.com — Your TRAVEL-3D-3GB plan is active"));
        assertThat(platform.smsc().messages()).anySatisfy(sms -> {
            assertThat(sms.destination()).isEqualTo(Subscribers.msisdn(FIRST + 100).substring(1));
            assertThat(sms.text()).startsWith("Your TRAVEL-3D-3GB plan is active until");
        });
    }

    @Test
    void aTopUpAndAnExtensionBoughtInBillingBecomeUsageServicesAllowances() {
        String iccid = soldTravel3Days(FIRST + 300, "en");
        for (String[] order : new String[][] {{"top-ups", "DATA-1GB"}, {"extensions", "EXTEND-7D"}}) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"addOnCode\":\"%s\",\"channel\":\"WEB\",\"paymentMethod\":\"PAYPAL\"}".formatted(order[1]))
                    .post(billing("/api/v1/subscriptions/" + iccid + "/" + order[0])).then().statusCode(201);
        }
        String validUntil = given().get(billing("/api/v1/subscriptions/" + iccid)).then().statusCode(200)
                .extract().path("validUntil");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath summary = given().get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(summary.getList("allowances.validUntil", String.class)).containsExactly(validUntil, validUntil);
            // the plan's 3 GB; the data pack's 1 GB and its first-pack bonus of 1 GB (FIRST-PACK-BONUS)
            assertThat(summary.getList("allowances.data.quota", Long.class))
                    .containsExactlyInAnyOrder(3L * 1024 * 1024 * 1024, 2L * 1024 * 1024 * 1024);
        });
    }

    @Test
    void aRenewalTakenWhileKafkaIsDownIsPublishedWhenItReturns() {
        String iccid = soldTravel3Days(FIRST + 400, "fr");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(usage("/api/v1/usage/" + iccid + "/summary"))
                .then().statusCode(200).body("allowances", hasSize(1)));

        platform.stopBroker();
        try {
            given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"channel\":\"SUPPORT_DESK\",\"paymentMethod\":\"CASH\"}")
                    .post(billing("/api/v1/subscriptions/" + iccid + "/renewals")).then().statusCode(201);
        } finally {
            platform.startBroker();
        }

        // the RENEWED event waited in billing's outbox and reaches usage-service once Kafka is back
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get(usage("/api/v1/usage/" + iccid + "/summary"))
                .then().statusCode(200).body("allowances", hasSize(2)));
    }

    @Test
    void dataUsedUpInUsageServiceSuspendsTheSubscriptionInBillingAndADataPackBringsItBack() {
        String iccid = soldTravel3Days(FIRST + 500, "fr");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(usage("/api/v1/usage/" + iccid + "/summary"))
                .then().statusCode(200).body("allowances", hasSize(1)));

        // one data session of 4 × 1 GB partial records, started after the sale: more than the plan's 3 GB
        Instant start = Instant.now();
        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            for (int seq = 1; seq <= 4; seq++) {
                CdrV1 cdr = new CdrV1(CdrV1.SCHEMA_VERSION, "pgw-e2e", 77_000 + FIRST, seq, iccid,
                        Subscribers.msisdn(FIRST + 500), UsageType.DATA, start.plusMillis(seq),
                        1L << 28, 3L << 28, 1, null, seq == 4);
                carrier.publishRaw(Topics.CDR, iccid, EventJson.write(cdr));
            }
        }

        // usage-service raises the 100 % data alert; billing-service, which consumes it, suspends
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(billing("/api/v1/subscriptions/" + iccid))
                .then().statusCode(200).body("status", equalTo("SUSPENDED")));
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"addOnCode\":\"DATA-1GB\",\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}")
                .post(billing("/api/v1/subscriptions/" + iccid + "/top-ups")).then().statusCode(201);
        given().get(billing("/api/v1/subscriptions/" + iccid)).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void everyServiceReportsItselfReadyAndPublishesItsOpenApiDocument() {
        for (var service : platform.services()) {
            given().get(service.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
            given().get(service.url("/q/openapi?format=json")).then().statusCode(200)
                    .body("info.title", equalTo(service.name()));
        }
    }
}
