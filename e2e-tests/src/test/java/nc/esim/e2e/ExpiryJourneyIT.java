package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.Subscribers;

/**
 * A plan running out, end to end on the packaged services: the reminders 3 days and 1 day before the
 * end, the expiry notice, a renewal in the grace period that keeps the number, and after the grace
 * period a clear problem. Days pass by moving every service's clock ({@link Platform#moveClock}), as
 * {@code bin/clock} does on the local platform; billing's expiry scan runs every second.
 */
class ExpiryJourneyIT {
    private static final String SHOP = LocalAuth.bearer("expiry-shop", Set.of("partner-shop"), "SHOP-EXPIRY");
    private static final String SUPPORT_DESK = LocalAuth.bearer("expiry-desk", Set.of("support-desk"), null);

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("expiry", workDir, false,
                Map.of("billing-service", Map.of("billing.lifecycle.scan-interval", "1s")));
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

    private static Instant sold(int n) {
        given().header("Authorization", SHOP).contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","email":"expiry%d@example.com","language":"en"}"""
                        .formatted(Subscribers.iccid(n), Subscribers.msisdn(n), n))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        return Instant.parse(given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + Subscribers.iccid(n)))
                .then().statusCode(200).extract().<String>path("validUntil"));
    }

    /** Moves the platform's time to {@code instant} (plus a minute, so that it is past it). */
    private static void moveTo(Instant instant) {
        platform.moveClock(Duration.between(Instant.now(), instant).plusMinutes(1).withNanos(0));
    }

    /** How many messages of {@code template} notification-service recorded for the eSIM (one per channel). */
    private static int messages(int n, String template) {
        return given().header("Authorization", SUPPORT_DESK).queryParam("iccid", Subscribers.iccid(n))
                .get(platform.service("notification-service").url("/api/v1/notifications")).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.template == '" + template + "' }").size();
    }

    private static void awaitMessages(int n, String template, int count) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(messages(n, template))
                .as(template + " messages of eSIM " + n).isEqualTo(count));
    }

    @Test
    void remindersThenExpiryThenARenewalInGraceThatKeepsTheNumberAndAfterGraceAClearProblem() {
        int kept = 7_001;
        int lapsed = 7_002;
        Instant end = sold(kept);
        Instant lapsedEnd = sold(lapsed);
        awaitMessages(kept, "subscription-activated", 2);

        moveTo(end.minus(Duration.ofDays(3)));
        awaitMessages(kept, "subscription-expiring-soon", 2); // email and SMS
        moveTo(end.minus(Duration.ofDays(1)));
        awaitMessages(kept, "subscription-expiring-soon", 4);
        assertThat(messages(kept, "subscription-expired")).isZero();

        moveTo(end);
        awaitMessages(kept, "subscription-expired", 2);
        given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + Subscribers.iccid(kept))).then()
                .body("status", equalTo("EXPIRED"));

        // in the grace period a renewal keeps the number and starts now
        given().header("Authorization", SHOP).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}")
                .post(billing("/api/v1/subscriptions/" + Subscribers.iccid(kept) + "/renewals")).then().statusCode(201);
        given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + Subscribers.iccid(kept))).then()
                .body("status", equalTo("ACTIVE")).body("msisdn", equalTo(Subscribers.msisdn(kept)));
        awaitMessages(kept, "subscription-renewed", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(platform.service("usage-service").url("/api/v1/usage/" + Subscribers.iccid(kept) + "/summary"))
                .then().statusCode(200).body("allowances", hasSize(2)));

        // after the grace period (7 days) the number is gone, and a renewal is refused with a problem that says why
        moveTo(lapsedEnd.plus(Duration.ofDays(7)));
        awaitMessages(lapsed, "subscription-grace-ended", 2);
        given().header("Authorization", SHOP).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}")
                .post(billing("/api/v1/subscriptions/" + Subscribers.iccid(lapsed) + "/renewals")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:grace-period-over"))
                .body("detail", org.hamcrest.Matchers.containsString("7 days"));
    }

    @Test
    void aServiceInProductionRefusesToStartWithAMovedClock() throws Exception {
        Path log = workDir.resolve("billing-prod-moved-clock.log");
        java.util.List<String> options = java.util.List.of("-Dquarkus.profile=prod", "-Desim.clock.offset=P1D",
                "-Dquarkus.http.port=0", "-Dquarkus.datasource.jdbc.url=" + platform.postgres().jdbcUrl(e2e.database("billing-service")),
                "-Dquarkus.datasource.username=" + platform.postgres().user(),
                "-Dbilling.payments.callback-secret=not-used", "-Dbilling.lifecycle.scan-interval=off",
                "-Dmp.jwt.verify.publickey.location=" + LocalAuth.publicKeyLocation());
        Path runner = Path.of(System.getProperty("esim.project.root", "..")).resolve("billing-service/target/quarkus-app/quarkus-run.jar");
        try (nc.esim.infra.process.ChildProcess billing = nc.esim.infra.process.ChildProcess.java("billing-prod",
                java.util.List.of(runner.toString()), options, "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                java.util.List.of(), Map.of(), log)) {
            assertThat(billing.awaitExit(Duration.ofSeconds(120))).as("exit code").isNotZero();
        }
        assertThat(java.nio.file.Files.readString(log))
                .contains("esim.clock.offset and esim.clock.offset-file move the service's clock")
                .contains("not for profiles [prod]");
    }
}
