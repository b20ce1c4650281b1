package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;
import nc.esim.support.privacy.PersonalData;

/**
 * The operators' console on the whole platform: only operators get in; every figure equals what its
 * source gives; and in headless Chromium (Debian's chromium and chromium-driver) the page signs in,
 * its chart and counters move while CDRs flow, and Kafka turns red while the broker is frozen and green
 * again after, with no reload. Screenshots go to target/console-screenshots for review.
 */
class OperatorConsoleIT {
    private static final int FIRST = 3_000;
    private static final int SUBSCRIBERS = 4;
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String OPERATOR = LocalAuth.bearer("console-it-operator", Set.of("operator"), null);

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("console", workDir, true);
        platform = e2e.platform;
        for (int i = FIRST; i < FIRST + SUBSCRIBERS; i++) {
            given().contentType(ContentType.JSON).header("Authorization", LocalAuth.bearer("console-it-shop",
                            Set.of("partner-shop"), "SHOP-CONSOLE"))
                    .body("""
                            {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","email":"c%d@example.nc","language":"en"}"""
                            .formatted(Subscribers.iccid(i), Subscribers.msisdn(i), i))
                    .post(platform.service("billing-service").url("/api/v1/subscriptions")).then().statusCode(201);
        }
    }

    @AfterAll
    static void stopPlatform() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private static String console(String path) {
        return platform.service(Platform.CONSOLE).url(path);
    }

    /** Publishes {@code count} simulated CDRs of the sold eSIMs (resent and malformed ones among them). */
    private static void publishCdrs(long seed, int count, int perSecond) {
        SimulationProfile profile = SimulationProfile.realistic(SUBSCRIBERS, seed, LocalDate.now(Zones.NOUMEA))
                .startingAt(FIRST);
        try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
            publisher.publish(CdrGenerator.live(profile, Clock.systemUTC()), count, perSecond, () -> false);
        }
    }

    @Test
    void thePageItsStreamAndItsFiguresAreRefusedWithoutAnOperatorsToken() {
        String shop = LocalAuth.bearer("console-shop", Set.of("partner-shop"), "SHOP-X");
        String analyst = LocalAuth.bearer("console-analyst", Set.of("analyst"), null);
        for (String path : List.of("/console", "/api/v1/console/stream", "/api/v1/console/snapshot")) {
            given().noFilters().get(console(path)).then().statusCode(401);
            given().noFilters().header("Authorization", shop).get(console(path)).then().statusCode(403);
            given().noFilters().header("Authorization", analyst).get(console(path)).then().statusCode(403);
            given().noFilters().header("Authorization", "Bearer not-a-token").get(console(path)).then().statusCode(401);
        }
        given().noFilters().header("Authorization", shop).post(console("/api/v1/console/session")).then().statusCode(403);
        // an operator's token opens a session cookie that the page and the stream accept
        String cookie = given().noFilters().header("Authorization", OPERATOR).post(console("/api/v1/console/session"))
                .then().statusCode(204).extract().cookie("esim_console");
        given().noFilters().cookie("esim_console", cookie).get(console("/console")).then().statusCode(200);
        given().noFilters().get(console("/")).then().statusCode(200); // the sign-in page itself is public
    }

    @Test
    void everyFigureTheConsoleShowsEqualsWhatItsSourceGives() {
        publishCdrs(11, 400, 0);
        ConsumerLag.awaitCaughtUp(platform.broker().asAdmin(), "usage-service.cdr-ingest", Topics.CDR,
                Duration.ofSeconds(60));
        String billing = platform.service("billing-service").url("");
        String notification = platform.service("notification-service").url("");
        // the platform settles (SMS receipts, relays) within seconds; then each figure must match its source
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Long> metrics = usageCounters();
            JsonPath sales = given().header("Authorization", OPERATOR).get(billing + "/api/v1/reports/sales")
                    .then().statusCode(200).extract().jsonPath();
            JsonPath expiring = given().header("Authorization", OPERATOR)
                    .get(billing + "/api/v1/reports/expiring?hours=72&limit=20").then().statusCode(200).extract().jsonPath();
            JsonPath deliveries = given().header("Authorization", OPERATOR).get(notification + "/api/v1/reports/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            JsonPath shown = given().header("Authorization", OPERATOR).get(console("/api/v1/console/snapshot"))
                    .then().statusCode(200).extract().jsonPath();

            assertThat(shown.getLong("pipeline.counters.received")).isEqualTo(metrics.get("esim_cdr_received_total"));
            assertThat(shown.getLong("pipeline.counters.accepted")).isEqualTo(metrics.get("esim_cdr_accepted_total"));
            assertThat(shown.getLong("pipeline.counters.duplicates")).isEqualTo(metrics.get("esim_cdr_duplicates_total"));
            assertThat(shown.getLong("pipeline.counters.rejected")).isEqualTo(metrics.get("esim_cdr_rejected_total"))
                    .isPositive();
            assertThat(shown.getMap("business")).isEqualTo(sales.getMap(""));
            assertThat(shown.getLong("business.orders")).isGreaterThanOrEqualTo(SUBSCRIBERS);
            assertThat(shown.getLong("lifecycle.count")).isEqualTo(expiring.getLong("count"));
            assertThat(shown.getList("lifecycle.soonest.iccid")).isEqualTo(expiring.getList("subscriptions.iccid",
                    String.class).stream().map(PersonalData::iccid).toList());
            assertThat(shown.getMap("notifications")).isEqualTo(deliveries.getMap(""));
            assertThat(committedOffsets(shown, "usage-service.cdr-ingest")).isEqualTo(adminCommittedOffsets());
        });

        JsonPath shown = given().header("Authorization", OPERATOR).get(console("/api/v1/console/snapshot"))
                .then().extract().jsonPath();
        List<String> previews = shown.getList("pipeline.latestRejected.preview");
        assertThat(previews).isNotEmpty();
        for (int i = FIRST; i < FIRST + SUBSCRIBERS; i++) {
            String msisdnDigits = Subscribers.msisdn(i).substring(1);
            String iccid = Subscribers.iccid(i);
            assertThat(previews).noneMatch(p -> p.contains(msisdnDigits) || p.contains(iccid));
        }
        assertThat(shown.getString("health.find { it.name == 'kafka' }.status")).isEqualTo("UP");
        assertThat(shown.getString("health.find { it.name == 'postgresql' }.status")).isEqualTo("UP");
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsServedByThePlatform() throws Exception {
        publishCdrs(31, 50, 0); // so that the ingest counters exist
        ConsumerLag.awaitCaughtUp(platform.broker().asAdmin(), "usage-service.cdr-ingest", Topics.CDR,
                Duration.ofSeconds(60));
        String dashboard = Files.readString(Path.of(System.getProperty("esim.project.root", ".."))
                .resolve("docker/grafana/dashboards/esim-platform.json"));
        java.util.Set<String> queried = new java.util.TreeSet<>();
        Matcher name = Pattern.compile("\\b((?:esim|agroal|jvm|kafka)_[a-z_]+)\\b").matcher(dashboard);
        while (name.find()) {
            queried.add(name.group(1));
        }
        assertThat(queried).hasSizeGreaterThan(10);
        // counters by outcome appear with their first event: a retried renewal and a refused callback
        String billing = platform.service("billing-service").url("");
        String key = java.util.UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                    .post(billing + "/api/v1/subscriptions/" + Subscribers.iccid(FIRST) + "/renewals").then().statusCode(201);
        }
        given().noFilters().contentType(ContentType.JSON).body("{}").post(billing + "/api/v1/payments/confirmations")
                .then().statusCode(401);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            StringBuilder now = new StringBuilder();
            for (String service : List.of("billing-service", "usage-service", "notification-service", Platform.CONSOLE)) {
                now.append(given().noFilters().get(platform.service(service).url("/q/metrics")).then().extract().asString());
            }
            java.util.Set<String> missing = new java.util.TreeSet<>();
            for (String metric : queried) {
                if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(now).find()) {
                    missing.add(metric);
                }
            }
            assertThat(missing).as("metrics the dashboard queries that no service serves").isEmpty();
        });
    }

    /** usage-service's counters, summed over their tags, as its metrics endpoint gives them. */
    private static Map<String, Long> usageCounters() {
        String text = given().noFilters().get(platform.service("usage-service").url("/q/metrics")).then().statusCode(200)
                .extract().asString();
        Map<String, Long> sums = new HashMap<>();
        Matcher sample = Pattern.compile("(?m)^(esim_cdr_[a-z_]+_total)(?:\\{[^}]*})? ([0-9.E+]+)$").matcher(text);
        while (sample.find()) {
            sums.merge(sample.group(1), (long) Double.parseDouble(sample.group(2)), Long::sum);
        }
        sums.putIfAbsent("esim_cdr_rejected_total", 0L);
        return sums;
    }

    private static Map<String, Long> committedOffsets(JsonPath shown, String group) {
        Map<String, Long> offsets = new HashMap<>();
        List<Map<String, Object>> lags = shown.getList("pipeline.lag");
        for (Map<String, Object> lag : lags) {
            if (group.equals(lag.get("group"))) {
                offsets.put(lag.get("topic") + "-" + lag.get("partition"), ((Number) lag.get("committed")).longValue());
            }
        }
        return offsets;
    }

    private static Map<String, Long> adminCommittedOffsets() throws Exception {
        try (Admin admin = platform.broker().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("usage-service.cdr-ingest")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<String, Long> offsets = new HashMap<>();
            committed.forEach((partition, offset) -> offsets.put(partition.topic() + "-" + partition.partition(),
                    offset.offset()));
            return offsets;
        }
    }

    @Test
    void inChromiumTheConsoleSignsInMovesWithTheTrafficAndShowsKafkaRedWhileTheBrokerIsFrozen() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console("/"));
            screenshot(browser, "1-sign-in");
            browser.findElement(By.id("token")).sendKeys(OPERATOR.substring("Bearer ".length()));
            browser.findElement(By.id("sign-in-button")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/console"));
            wait.until(d -> "live".equals(d.findElement(By.id("freshness")).getAttribute("data-state")));
            wait.until(d -> status(d, "kafka").equals("UP"));
            String receivedBefore = browser.findElement(By.id("cdr-received")).getText();

            Thread carrier = new Thread(() -> publishCdrs(23, 1_500, 150), "console-it-cdrs"); // about 10 s
            carrier.start();
            wait.until(d -> !d.findElement(By.id("cdr-received")).getText().equals(receivedBefore));
            wait.until(d -> chartMax((JavascriptExecutor) d) > 0);
            assertThat(browser.findElements(By.cssSelector("#ingest-chart canvas"))).isNotEmpty();
            carrier.join();
            screenshot(browser, "2-traffic");

            long frozenAt = System.nanoTime();
            platform.pauseBroker();
            try {
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> status(d, "kafka").equals("DOWN"));
                // a figure for the record (a timed assertion would fail on a loaded machine, not on a defect)
                System.out.printf("console: Kafka shown red %d ms after the broker froze%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt));
                screenshot(browser, "3-kafka-frozen");
            } finally {
                platform.resumeBroker();
            }
            long resumedAt = System.nanoTime();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> status(d, "kafka").equals("UP"));
            System.out.printf("console: Kafka shown green %d ms after the broker resumed%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumedAt));
            screenshot(browser, "4-kafka-back");
            assertThat(browser.getCurrentUrl()).endsWith("/console"); // the same page throughout: no reload, no sign-in
        } finally {
            browser.quit();
        }
    }

    /** The tile's status, read in one script so that a refresh between finding and reading cannot intervene. */
    private static String status(WebDriver browser, String part) {
        Object status = ((JavascriptExecutor) browser).executeScript(
                "const tile = document.querySelector(`.part[data-part='${arguments[0]}']`);"
                        + " return tile ? tile.dataset.status : '';", part);
        return status == null ? "" : status.toString();
    }

    private static double chartMax(JavascriptExecutor browser) {
        Object max = browser.executeScript("""
                const data = echarts.getInstanceByDom(document.getElementById('ingest-chart')).getOption().series[0].data;
                return data.reduce((m, p) => Math.max(m, p[1] || 0), 0);""");
        return max instanceof Number n ? n.doubleValue() : 0;
    }

    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1480", "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
