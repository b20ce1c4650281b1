package nc.esim.notification.deliverylog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;

/** The operators' view of the delivery log: today's messages by channel and status, the queue, the link. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class DeliveryReportTest {
    private static final EventPublisher events = RealInfrastructure.events();

    private static JsonPath report() {
        return given().get("/api/v1/reports/deliveries").then().statusCode(200).extract().jsonPath();
    }

    private static long total(JsonPath report, String channel) {
        String at = "channels.find { it.channel == '" + channel + "' }.";
        return report.getLong(at + "queued") + report.getLong(at + "retrying") + report.getLong(at + "sent")
                + report.getLong(at + "delivered") + report.getLong(at + "failed") + report.getLong(at + "suppressed");
    }

    @Test
    void anActivationShowsAsOneMoreEmailAndOneMoreSmsInTodaysReport() {
        JsonPath before = report();
        String iccid = Identifiers.withLuhnDigit("8968703" + String.format("%011d", 90_001));
        events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.ACTIVATED.cloudEventType(),
                        "/billing-service", iccid, Instant.now()),
                new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED, UUID.randomUUID().toString(), iccid,
                        "+687779001", "TRAVEL-7D-10GB", "ORD-1", "en", "report@example.nc", null, Instant.now(), null, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath after = report();
            assertThat(total(after, "EMAIL") - total(before, "EMAIL")).isEqualTo(1);
            assertThat(total(after, "SMS") - total(before, "SMS")).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/metrics").then()
                .extract().asString()).contains("esim_notification_messages_total{channel=\"EMAIL\""));
        JsonPath today = report();
        assertThat(today.getString("day")).isEqualTo(LocalDate.now(Zones.NOUMEA).toString());
        assertThat(today.getString("timeZone")).isEqualTo("Pacific/Noumea");
        assertThat(today.getLong("queueDepth")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aPastDayHasNoMessagesAndAMalformedDayIsAProblem() {
        given().queryParam("day", "2001-01-01").get("/api/v1/reports/deliveries").then().statusCode(200)
                .body("channels[0].sent", equalTo(0)).body("channels[1].sent", equalTo(0));
        given().queryParam("day", "01/01/2001").get("/api/v1/reports/deliveries").then().statusCode(400)
                .body("type", equalTo("urn:esim:problem:invalid-day"));
    }

    @Test
    void onlyOperatorsReadTheDeliveryReport() {
        given().header("Authorization", LocalAuth.bearer("report-desk", Set.of("support-desk"), null))
                .get("/api/v1/reports/deliveries").then().statusCode(403);
        given().header("Authorization", "").get("/api/v1/reports/deliveries").then().statusCode(401);
    }

    @Test
    void theQueueDepthAndTheSmppLinkAreGaugesOnTheMetricsEndpoint() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("esim_notification_queue_depth").contains("esim_notification_smpp_link_up")
                .contains("esim_notification_smpp_window_in_use").contains("esim_notification_smpp_window_size")
                // the Quarkus Kafka extension's Micrometer binder on the service's consumers and producers
                .contains("kafka_consumer_fetch_manager_records_consumed_total").contains("kafka_producer_record_send_total");
    }
}
