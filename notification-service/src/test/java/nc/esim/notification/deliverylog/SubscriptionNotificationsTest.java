package nc.esim.notification.deliverylog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class SubscriptionNotificationsTest {
    private static final EventPublisher events = RealInfrastructure.events();

    private static String iccid(int n) {
        return Identifiers.withLuhnDigit("8968703" + String.format("%011d", n));
    }

    private static EventMetadata activated(String iccid) {
        return EventMetadata.newEvent(SubscriptionEventType.ACTIVATED.cloudEventType(), "/billing-service", iccid,
                Instant.now());
    }

    private static SubscriptionEventV1 event(String iccid, String email) {
        return new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED, UUID.randomUUID().toString(), iccid,
                "+687771234", "TRAVEL-7D-10GB", "ORD-1", "zh", email, null, Instant.now(), null, null);
    }

    private static void awaitConsumed() {
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), "notification-service.subscriptions",
                Topics.SUBSCRIPTION, Duration.ofSeconds(30));
    }

    @Test
    void anActivatedSubscriptionGetsOneEmailAndOneSmsInTheCustomersLanguageWithMaskedDestinations() {
        // sent for real: the email to GreenMail (EmailDeliveryTest), the SMS to the SMS-centre simulator (SmsDeliveryTest)
        String iccid = iccid(1);
        events.publish(Topics.SUBSCRIPTION, activated(iccid), event(iccid, "li.wei@example.nc"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("iccid", iccid)
                .get("/api/v1/notifications").then().statusCode(200)
                .body("channel", containsInAnyOrder("EMAIL", "SMS"))
                .body("destination", containsInAnyOrder("l***@example.nc", "+687****34"))
                .body("template", everyItem(equalTo("subscription-activated")))
                .body("language", everyItem(equalTo("zh")))
                .body("find { it.channel == 'EMAIL' }.status", equalTo("SENT"))
                .body("find { it.channel == 'SMS' }.status", equalTo("DELIVERED")));
    }

    @Test
    void aReplayedEventRecordsNoSecondNotification() {
        String iccid = iccid(2);
        EventMetadata metadata = activated(iccid);
        SubscriptionEventV1 event = event(iccid, null);
        events.publish(Topics.SUBSCRIPTION, metadata, event);
        events.publish(Topics.SUBSCRIPTION, metadata, event);
        awaitConsumed();

        given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].channel", equalTo("SMS"));
    }

    @Test
    void aConsentChangeIsTheCustomersOwnActAndSendsNothing() {
        String iccid = iccid(3);
        SubscriptionEventV1 activated = event(iccid, "li.wei@example.nc");
        SubscriptionEventV1 consent = new SubscriptionEventV1(1, SubscriptionEventType.CONSENT_CHANGED,
                activated.subscriptionId(), iccid, activated.msisdn(), activated.planCode(), null, "zh",
                "li.wei@example.nc", null, Instant.now(), "SHOP-KOUTIO", true);
        events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.CONSENT_CHANGED.cloudEventType(),
                "/billing-service", iccid, Instant.now()), consent);
        awaitConsumed();

        given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void theDeliveryLogFiltersByChannelAndByStatus() {
        String iccid = iccid(4);
        events.publish(Topics.SUBSCRIPTION, activated(iccid), event(iccid, "li.wei@example.nc"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("iccid", iccid)
                .queryParam("status", "DELIVERED").get("/api/v1/notifications").then().statusCode(200)
                .body("channel", contains("SMS")));

        given().queryParam("iccid", iccid).queryParam("channel", "EMAIL").get("/api/v1/notifications").then()
                .statusCode(200).body("channel", contains("EMAIL")).body("[0].status", equalTo("SENT"));
        given().queryParam("iccid", iccid).queryParam("channel", "SMS").queryParam("status", "SENT")
                .get("/api/v1/notifications").then().statusCode(200).body("$", hasSize(0));
        given().queryParam("iccid", iccid).queryParam("status", "FAILED").get("/api/v1/notifications").then()
                .statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anUnknownChannelOrStatusIsABadRequestProblem() {
        String iccid = iccid(5);
        given().queryParam("iccid", iccid).queryParam("channel", "FAX").get("/api/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:invalid-channel"));
        given().queryParam("iccid", iccid).queryParam("status", "sent").get("/api/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:invalid-status"));
    }

    @Test
    void theDeliveryLogOfANonIccidIsABadRequestProblem() {
        given().queryParam("iccid", "12345").get("/api/v1/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:invalid-iccid"));
        given().get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
    }
}
