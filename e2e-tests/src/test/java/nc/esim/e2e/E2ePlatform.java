package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.auth.RestAssuredAuth;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.GroundTruth;

/** The whole platform for one test class, on fresh databases named after it, and the checks they share. */
final class E2ePlatform implements AutoCloseable {
    final Platform platform;
    private final Map<String, String> databases;

    private E2ePlatform(Platform platform, Map<String, String> databases) {
        this.platform = platform;
        this.databases = databases;
    }

    /** Starts broker and services in {@code workDir}; databases are {@code <prefix>_<service>_<run>}. */
    static E2ePlatform start(String prefix, Path workDir) {
        return start(prefix, workDir, false);
    }

    /** As {@link #start(String, Path)}, with the operators' console on a free port when {@code console}. */
    static E2ePlatform start(String prefix, Path workDir, boolean console) {
        return start(prefix, workDir, console, Map.of());
    }

    /** As {@link #start(String, Path, boolean)}, with {@code config} added to each named service's configuration. */
    static E2ePlatform start(String prefix, Path workDir, boolean console, Map<String, Map<String, String>> config) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        RestAssuredAuth.useByDefault(LocalAuth.allRoles()); // the services check bearer tokens
        Map<String, String> databases = Map.of("billing-service", prefix + "_billing_" + run,
                "usage-service", prefix + "_usage_" + run, "notification-service", prefix + "_notification_" + run);
        // quiet hours off: a test at night must see its SMS go as one by day would
        Map<String, Map<String, String>> serviceConfig = new java.util.HashMap<>(config);
        Map<String, String> notification = new java.util.HashMap<>(config.getOrDefault("notification-service", Map.of()));
        notification.putIfAbsent("notification.sms.quiet-hours.start", "00:00");
        notification.putIfAbsent("notification.sms.quiet-hours.end", "00:00");
        serviceConfig.put("notification-service", notification);
        Platform.Options options = new Platform.Options(Path.of(System.getProperty("esim.project.root", "..")),
                workDir, 0, 0, databases, 4, serviceConfig);
        return new E2ePlatform(Platform.start(console ? options.withConsole(0) : options), databases);
    }

    String database(String service) {
        return databases.get(service);
    }

    /** Asserts that usage-service's totals for the ICCID are the ground truth's, and returns its summary. */
    JsonPath assertUsageTotals(String iccid, GroundTruth.Totals expected) {
        JsonPath summary = given().get(platform.service("usage-service").url("/api/v1/usage/" + iccid + "/summary"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("totals.dataBytes")).as(iccid).isEqualTo(expected.dataBytes());
        assertThat(summary.getLong("totals.voiceSeconds")).as(iccid).isEqualTo(expected.voiceSeconds());
        assertThat(summary.getLong("totals.smsCount")).as(iccid).isEqualTo(expected.smsCount());
        assertThat(summary.getLong("totals.records")).as(iccid).isEqualTo(expected.records());
        return summary;
    }

    /** Stops everything and drops the databases. */
    @Override
    public void close() {
        platform.close();
        databases.values().forEach(platform.postgres()::dropDatabase);
    }
}
