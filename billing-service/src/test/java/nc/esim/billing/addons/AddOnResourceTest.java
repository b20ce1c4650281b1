package nc.esim.billing.addons;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Data packs and extensions, on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AddOnResourceTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final long GB = 1024L * 1024 * 1024;

    @Inject
    EntityManager entityManager;

    private static String soldEsim() {
        int n = NEXT.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("8968704" + String.format("%011d", n));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687%06d","planCode":"TRAVEL-7D-10GB","language":"zh"}""".formatted(iccid, 700_000 + n))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    private static Response buy(String iccid, String path, String addOn, String key) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"addOnCode\":\"%s\",\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}".formatted(addOn))
                .post("/api/v1/subscriptions/" + iccid + "/" + path);
    }

    private static Instant validUntil(String iccid) {
        return Instant.parse(given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().path("validUntil"));
    }

    private static List<SubscriptionEventV1> events(String iccid, int expected) throws IOException {
        List<SubscriptionEventV1> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION, r -> iccid.equals(r.key()), expected, Duration.ofSeconds(10))) {
            events.add(EventJson.read(record.value(), SubscriptionEventV1.class));
        }
        return events;
    }

    @Test
    void aDataPackIsAnAllowanceOfItsOwnUntilTheSubscriptionsCurrentExpiry() throws IOException {
        String iccid = soldEsim();
        Instant end = validUntil(iccid);

        String orderNumber = buy(iccid, "top-ups", "DATA-1GB", UUID.randomUUID().toString()).then().statusCode(201)
                .body("kind", equalTo("TOP_UP")).body("addOnCode", equalTo("DATA-1GB")).body("amountMinor", equalTo(800))
                .body("paymentMethod", equalTo("CASH")).body("bonusDataBytes", equalTo((int) GB))
                .extract().path("orderNumber");

        List<SubscriptionEventV1> events = events(iccid, 2);
        assertThat(events).extracting(SubscriptionEventV1::type)
                .containsExactly(SubscriptionEventType.ACTIVATED, SubscriptionEventType.TOPPED_UP);
        SubscriptionEventV1 toppedUp = events.get(1);
        assertThat(toppedUp.allowance().allowanceId()).isEqualTo(orderNumber);
        // the pack's 1 GB and the seeded first-pack bonus's 1 GB (FIRST-PACK-BONUS)
        assertThat(toppedUp.allowance().dataBytes()).isEqualTo(2 * GB);
        assertThat(toppedUp.allowance().validUntil()).isEqualTo(end);
        assertThat(validUntil(iccid)).isEqualTo(end);
    }

    @Test
    void anExtensionMovesTheEndOfTheSubscriptionAndOfEveryAllowanceEndingWithIt() throws IOException {
        String iccid = soldEsim();
        Instant end = validUntil(iccid);
        buy(iccid, "top-ups", "DATA-5GB", UUID.randomUUID().toString()).then().statusCode(201);

        buy(iccid, "extensions", "EXTEND-7D", UUID.randomUUID().toString()).then().statusCode(201)
                .body("kind", equalTo("EXTENSION")).body("validUntil", equalTo(end.plus(Duration.ofDays(7)).toString()));

        assertThat(validUntil(iccid)).isEqualTo(end.plus(Duration.ofDays(7)));
        List<SubscriptionEventV1> events = events(iccid, 4);
        assertThat(events).extracting(SubscriptionEventV1::type).containsExactly(SubscriptionEventType.ACTIVATED,
                SubscriptionEventType.TOPPED_UP, SubscriptionEventType.EXTENDED, SubscriptionEventType.EXTENDED);
        assertThat(events.subList(2, 4)).allSatisfy(e -> assertThat(e.allowance().validUntil()).isEqualTo(end.plus(Duration.ofDays(7))));
        assertThat(events.subList(2, 4)).extracting(e -> e.allowance().allowanceId())
                .containsExactlyInAnyOrder(events.get(0).allowance().allowanceId(), events.get(1).allowance().allowanceId());
        assertThat(events.get(2).allowance().validFrom()).isNotNull();
    }

    @Test
    void aRetriedTopUpReturnsTheFirstReceiptAndBuysOnePack() throws IOException {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        String first = buy(iccid, "top-ups", "DATA-1GB", key).then().statusCode(201).extract().asString();

        assertThat(buy(iccid, "top-ups", "DATA-1GB", key).then().statusCode(201).extract().asString()).isEqualTo(first);
        buy(iccid, "top-ups", "DATA-5GB", key).then().statusCode(422).body("type", equalTo("urn:esim:problem:idempotency-key-reused"));
        assertThat(events(iccid, 3)).hasSize(2);
    }

    @Test
    void wrongAddOnsAndLapsedSubscriptionsAreRefusedAndChangeNothing() throws IOException {
        String iccid = soldEsim();
        Instant end = validUntil(iccid);
        buy(iccid, "top-ups", "DATA-99GB", UUID.randomUUID().toString()).then().statusCode(422)
                .body("type", equalTo("urn:esim:problem:add-on-not-on-sale"));
        buy(iccid, "extensions", "DATA-1GB", UUID.randomUUID().toString()).then().statusCode(422)
                .body("type", equalTo("urn:esim:problem:add-on-not-on-sale"));
        buy(iccid, "top-ups", "DATA-1GB", "").then().statusCode(400)
                .body("type", equalTo("urn:esim:problem:idempotency-key-required"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("{\"addOnCode\":\"DATA-1GB\"}")
                .post("/api/v1/subscriptions/" + iccid + "/top-ups").then().statusCode(400);

        String lapsed = soldEsim();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update subscription set valid_until = now() - interval '1 hour' where iccid = ?1")
                .setParameter(1, lapsed).executeUpdate());
        buy(lapsed, "top-ups", "DATA-1GB", UUID.randomUUID().toString()).then().statusCode(409)
                .body("type", equalTo("urn:esim:problem:subscription-not-active"));
        buy(lapsed, "extensions", "EXTEND-7D", UUID.randomUUID().toString()).then().statusCode(409);

        assertThat(validUntil(iccid)).isEqualTo(end);
        assertThat(events(iccid, 2)).hasSize(1);
        assertThat(events(lapsed, 2)).hasSize(1);
    }
}
