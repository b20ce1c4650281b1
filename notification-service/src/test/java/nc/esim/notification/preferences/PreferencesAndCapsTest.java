package nc.esim.notification.preferences;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.persistence.EntityManager;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.notification.customers.Customers;
import nc.esim.notification.email.GreenMailSmtp;

/** Customers' preferences (opt-out per channel and category, language) and the per-customer cap. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
class PreferencesAndCapsTest {
    private static final EventPublisher events = RealInfrastructure.events();
    private static int next = 200;

    @Inject
    Customers customers;
    @Inject
    EntityManager entityManager;

    private static synchronized String iccid() {
        return Identifiers.withLuhnDigit("8968704" + String.format("%011d", next++));
    }

    /**
     * An eSIM the notifier knows, as billing's sale would have told it (without the welcome messages of
     * an activation); dated long ago so that the facts a test publishes next overwrite its contact.
     */
    private String sold() {
        String iccid = iccid();
        QuarkusTransaction.requiringNew().run(() -> customers.remember(iccid, "+687779876", null, "fr",
                Instant.parse("2026-01-01T00:00:00Z")));
        return iccid;
    }

    private static void renewed(String iccid, String email, String language) {
        events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.RENEWED.cloudEventType(),
                "/billing-service", iccid, Instant.now()), new SubscriptionEventV1(1, SubscriptionEventType.RENEWED,
                UUID.randomUUID().toString(), iccid, "+687779876", "TRAVEL-3D-3GB", "ORD-20261122-000009", language, email,
                null, Instant.now(), "SHOP-1", false));
    }

    private static void awaitConsumed() {
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), "notification-service.subscriptions",
                Topics.SUBSCRIPTION, Duration.ofSeconds(30));
    }

    private static List<String> statuses(String iccid, String channel) {
        return given().queryParam("iccid", iccid).queryParam("limit", 500).get("/api/v1/notifications").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.channel == '" + channel + "' }.status");
    }

    private static long mailTo(String address) {
        return Arrays.stream(GreenMailSmtp.server().getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void preferencesDefaultToServiceMessagesWithoutMarketingAndAreSavedWhole() {
        String iccid = sold();
        given().get("/api/v1/preferences/" + iccid).then().statusCode(200).body("emailService", equalTo(true))
                .body("smsService", equalTo(true)).body("emailMarketing", equalTo(false))
                .body("smsMarketing", equalTo(false)).body("language", nullValue());
        given().contentType(ContentType.JSON).body("""
                {"emailService":false,"emailMarketing":true,"smsService":true,"smsMarketing":false,"language":"zh"}""")
                .put("/api/v1/preferences/" + iccid).then().statusCode(200);
        given().get("/api/v1/preferences/" + iccid).then().body("emailService", equalTo(false))
                .body("emailMarketing", equalTo(true)).body("smsMarketing", equalTo(false)).body("language", equalTo("zh"));
    }

    @Test
    void preferencesOfAnEsimNeverSoldAre404AndLeaveNoRowUntilItsSaleIsTold() {
        String iccid = iccid();
        String body = "{\"emailService\":false,\"emailMarketing\":false,\"smsService\":true,\"smsMarketing\":false,\"language\":\"en\"}";
        given().get("/api/v1/preferences/" + iccid).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:unknown-iccid"));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/preferences/" + iccid).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:unknown-iccid"))
                .header("Retry-After", "2");
        assertThat(((Number) QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select count(*) from preference where iccid = ?1").setParameter(1, iccid)
                .getSingleResult())).longValue()).isZero();

        renewed(iccid, null, "fr"); // billing tells of the eSIM
        awaitConsumed();
        given().contentType(ContentType.JSON).body(body).put("/api/v1/preferences/" + iccid).then().statusCode(200);
        given().get("/api/v1/preferences/" + iccid).then().statusCode(200).body("emailService", equalTo(false));
    }

    @Test
    void badPreferencesAreRefusedAndChangeNothing() {
        String iccid = sold();
        String path = "/api/v1/preferences/" + iccid;
        for (String body : List.of(
                "{\"emailService\":true,\"emailMarketing\":true,\"smsService\":true,\"smsMarketing\":true,\"language\":\"de\"}",
                "{\"emailService\":true}",
                "{\"emailService\":false,\"emailMarketing\":true,\"smsService\":true,\"smsMarketing\":true,\"iccid\":\"x\"}",
                "not json")) {
            given().contentType(ContentType.JSON).body(body).put(path).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/preferences/12345").then().statusCode(400);
        given().get(path).then().body("emailService", equalTo(true));
    }

    @Test
    void aCustomerWhoOptedOutOfServiceEmailsGetsNoneButStillTheSmsAndTheSuppressionIsTold() throws Exception {
        String iccid = sold();
        String address = "quiet+" + UUID.randomUUID() + "@example.nc";
        given().contentType(ContentType.JSON).body("""
                {"emailService":false,"emailMarketing":false,"smsService":true,"smsMarketing":false,"language":null}""")
                .put("/api/v1/preferences/" + iccid).then().statusCode(200);
        renewed(iccid, address, "en");
        awaitConsumed();

        assertThat(statuses(iccid, "EMAIL")).containsExactly("SUPPRESSED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(iccid, "SMS")).containsExactly("DELIVERED"));
        List<ConsumerRecord<String, byte[]>> facts = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.NOTIFICATION, r -> iccid.equals(r.key()), 1, Duration.ofSeconds(15));
        assertThat(EventJson.read(facts.get(0).value(), NotificationEventV1.class).status()).isEqualTo("SUPPRESSED");
        Thread.sleep(1_000); // two dispatch runs: a suppressed email is never sent
        assertThat(mailTo(address)).isZero();
    }

    @Test
    void thePreferredLanguageWinsOverTheOneBillingKnows() {
        String iccid = sold();
        String address = "lang+" + UUID.randomUUID() + "@example.nc";
        given().contentType(ContentType.JSON).body("""
                {"emailService":true,"emailMarketing":true,"smsService":true,"smsMarketing":true,"language":"zh"}""")
                .put("/api/v1/preferences/" + iccid).then().statusCode(200);
        renewed(iccid, address, "en");

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address) == 1);
        given().queryParam("iccid", iccid).get("/api/v1/notifications").then().body("[0].language", equalTo("zh"));
    }

    @Test
    void aFloodOfEventsForOneCustomerStopsAtTheDailyCap() {
        String iccid = iccid();
        for (int i = 0; i < 22; i++) {
            renewed(iccid, null, "fr");
        }
        awaitConsumed();

        List<String> sms = statuses(iccid, "SMS");
        assertThat(sms).hasSize(22);
        assertThat(sms.stream().filter("SUPPRESSED"::equals).count()).isEqualTo(2);
        assertThat(sms.stream().filter(status -> !"SUPPRESSED".equals(status)).count()).isEqualTo(20);
    }
}
