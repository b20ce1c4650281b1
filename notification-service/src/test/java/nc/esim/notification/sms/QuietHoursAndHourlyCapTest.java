package nc.esim.notification.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.notification.email.GreenMailSmtp;
import nc.esim.notification.customers.Customers;

/**
 * In quiet hours (here: the hour around now in Nouméa) a non-urgent SMS waits for their end, stored, while
 * an urgent one (data used up) goes at once; past the hourly cap of parts, SMS wait whatever their urgency.
 */
@QuarkusTest
@TestProfile(QuietHoursAndHourlyCapTest.QuietNowAndACapOfThree.class)
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
@QuarkusTestResource(SmscResource.class)
class QuietHoursAndHourlyCapTest {
    private static final LocalTime QUIET_END = LocalTime.now(Zones.NOUMEA).plusHours(1).withSecond(0).withNano(0);
    private static final EventPublisher events = RealInfrastructure.events();
    private static int next = 400;

    public static class QuietNowAndACapOfThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.sms.quiet-hours.start", QUIET_END.minusHours(2).toString(),
                    "notification.sms.quiet-hours.end", QUIET_END.toString(),
                    "notification.sms.hourly-cap", "3");
        }
    }

    @Inject
    EntityManager entityManager;

    private static synchronized String iccid() {
        return Identifiers.withLuhnDigit("8968704" + String.format("%011d", next++));
    }

    @Inject
    Customers customers;

    /**
     * An alert for a customer the notifier knows (as billing's subscription facts would have told it,
     * without the welcome messages of an activation, which would count against the hourly cap).
     */
    private void alert(String iccid, int level) {
        String msisdn = "+68778" + String.format("%04d", next++);
        QuarkusTransaction.requiringNew().run(() -> customers.remember(iccid, msisdn, null, "fr", Instant.now()));
        UsageAlertV1 alert = new UsageAlertV1(1, iccid, "ALW-" + iccid,
                UsageType.DATA, level, 10L << 30, 10L << 30, Instant.now());
        events.publish(Topics.USAGE_ALERTS, new EventMetadata(alert.eventId(), UsageAlertV1.CLOUD_EVENT_TYPE,
                "/usage-service", iccid, Instant.now()), alert);
    }

    private static List<String> smsStatuses(String iccid) {
        return given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'SMS' }.status");
    }

    @Test
    void quietHoursDeferTheNonUrgentTheUrgentGoAndTheHourlyCapHoldsTheRest() {
        String quiet = iccid();
        alert(quiet, 80); // 80 % of data: not urgent
        List<String> urgent = List.of(iccid(), iccid(), iccid(), iccid());
        urgent.forEach(iccid -> alert(iccid, 100)); // data used up: urgent, one part each
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), "notification-service.usage-alerts",
                Topics.USAGE_ALERTS, Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(urgent.stream()
                .filter(iccid -> smsStatuses(iccid).equals(List.of("DELIVERED"))).count()).isEqualTo(3));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(urgent.stream()
                .filter(iccid -> smsStatuses(iccid).equals(List.of("QUEUED"))).count()).isEqualTo(1));

        assertThat(smsStatuses(quiet)).containsExactly("QUEUED");
        Instant due = QuarkusTransaction.requiringNew().call(() -> ((java.time.Instant) entityManager.createNativeQuery(
                "select next_attempt_at from notification where iccid = ?1 and channel = 'SMS'", Instant.class)
                .setParameter(1, quiet).getSingleResult()));
        assertThat(due.atZone(Zones.NOUMEA).toLocalTime()).isEqualTo(QUIET_END);
        assertThat(due).isAfter(Instant.now());
        // the delivery log tells the support desk when the deferred message goes, and that it is not settled yet
        io.restassured.path.json.JsonPath log = given().queryParam("iccid", quiet).get("/api/v1/notifications").then()
                .statusCode(200).extract().jsonPath();
        assertThat(Instant.parse(log.getString("find { it.channel == 'SMS' }.dueAt"))).isEqualTo(due);
        assertThat(log.getBoolean("find { it.channel == 'SMS' }.settled")).isFalse();
        assertThat(log.getInt("find { it.channel == 'SMS' }.attempts")).isZero();
        assertThat(SmscResource.smsc().messages()).hasSize(3);
    }
}
