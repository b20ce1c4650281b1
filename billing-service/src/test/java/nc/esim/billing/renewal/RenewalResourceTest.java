package nc.esim.billing.renewal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.ChargeV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Renewals with idempotency keys, on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RenewalResourceTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String CARD_IN_APP = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";

    @Inject
    EntityManager entityManager;

    /** Sells a TRAVEL-3D-3GB plan to a new eSIM and returns its ICCID. */
    private static String soldEsim() {
        int n = NEXT.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("8968703" + String.format("%011d", n));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687%06d","planCode":"TRAVEL-3D-3GB","language":"en"}""".formatted(iccid, 600_000 + n))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    private static Response renew(String iccid, String key, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/subscriptions/" + iccid + "/renewals");
    }

    private long orders(String iccid) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                select count(*) from customer_order o join subscription s on s.id = o.subscription_id
                where s.iccid = ?1 and o.kind = 'RENEWAL'""").setParameter(1, iccid).getSingleResult()).longValue());
    }

    private static Instant validUntil(String iccid) {
        return Instant.parse(given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().path("validUntil"));
    }

    @Test
    void aRenewalAddsOnePeriodAfterTheCurrentOneAndPublishesRenewedWithItsAllowance() throws IOException {
        String iccid = soldEsim();
        Instant before = validUntil(iccid);

        JsonPath receipt = renew(iccid, UUID.randomUUID().toString(), CARD_IN_APP).then().statusCode(201)
                .body("planCode", equalTo("TRAVEL-3D-3GB")).body("amountMinor", equalTo(1500))
                .body("currency", equalTo("XPF")).body("paymentMethod", equalTo("CARD")).extract().jsonPath();

        assertThat(Instant.parse(receipt.getString("periodStart"))).isEqualTo(before);
        assertThat(Instant.parse(receipt.getString("validUntil"))).isEqualTo(before.plus(Duration.ofDays(3)));
        assertThat(validUntil(iccid)).isEqualTo(before.plus(Duration.ofDays(3)));
        List<ConsumerRecord<String, byte[]>> events = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION, r -> iccid.equals(r.key()), 2, Duration.ofSeconds(10));
        assertThat(events).hasSize(2);
        SubscriptionEventV1 renewed = EventJson.read(events.get(1).value(), SubscriptionEventV1.class);
        assertThat(renewed.type()).isEqualTo(SubscriptionEventType.RENEWED);
        assertThat(renewed.orderNumber()).isEqualTo(receipt.getString("orderNumber"));
        assertThat(renewed.allowance().allowanceId()).isEqualTo(receipt.getString("orderNumber"));
        assertThat(renewed.allowance().validFrom()).isEqualTo(before);
        assertThat(renewed.allowance().dataBytes()).isEqualTo(3L * 1024 * 1024 * 1024);
        // the receipt's total, for the customer's message
        assertThat(renewed.charge()).isEqualTo(new ChargeV1(receipt.getLong("totalMinor"), "XPF"));
        assertThat(renewed.charge().amountMinor()).isEqualTo(1500);
    }

    @Test
    void theSameKeyAndBodyReturnTheFirstReceiptAndChargeOnce() {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        String first = renew(iccid, key, CARD_IN_APP).then().statusCode(201).extract().asString();
        Instant after = validUntil(iccid);

        String again = renew(iccid, key, CARD_IN_APP).then().statusCode(201).extract().asString();

        assertThat(again).isEqualTo(first);
        assertThat(orders(iccid)).isEqualTo(1);
        assertThat(validUntil(iccid)).isEqualTo(after);
    }

    @Test
    void aKeyIsTheCallersOwnAnotherClerkOfTheShopGetsTheFirstReceiptAnotherShopCannotReadIt() {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        String first = renew(iccid, key, CARD_IN_APP, "clerk-1", "SHOP-KONE").then().statusCode(201).extract().asString();

        String sameShop = renew(iccid, key, CARD_IN_APP, "clerk-2", "SHOP-KONE").then().statusCode(201).extract().asString();
        assertThat(sameShop).isEqualTo(first);
        assertThat(orders(iccid)).isEqualTo(1);

        String otherShop = renew(iccid, key, CARD_IN_APP, "clerk-9", "SHOP-POUM").then().statusCode(201).extract().asString();
        assertThat(JsonPath.from(otherShop).getString("orderNumber")).isNotEqualTo(JsonPath.from(first).getString("orderNumber"));
        assertThat(orders(iccid)).isEqualTo(2);
    }

    private static Response renew(String iccid, String key, String body, String clerk, String shop) {
        return given().header("Authorization", nc.esim.infra.auth.LocalAuth.bearer(clerk, java.util.Set.of("partner-shop"), shop))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/subscriptions/" + iccid + "/renewals");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        renew(iccid, key, CARD_IN_APP).then().statusCode(201);
        Instant after = validUntil(iccid);

        renew(iccid, key, "{\"channel\":\"WEB\",\"paymentMethod\":\"PAYPAL\"}").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:idempotency-key-reused"));

        assertThat(orders(iccid)).isEqualTo(1);
        assertThat(validUntil(iccid)).isEqualTo(after);
    }

    @Test
    void copiesOfOneRequestSentAtOnceRenewOnceAndAllGetTheSameReceipt() throws Exception {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        List<String> receipts = concurrently(8, () -> renew(iccid, key, CARD_IN_APP).then().statusCode(201).extract().asString());

        assertThat(receipts).containsOnly(receipts.get(0));
        assertThat(orders(iccid)).isEqualTo(1);
    }

    @Test
    void renewalsRacingForOneSubscriptionApplyOneAfterTheOtherUpToTheCapOfPeriodsAhead() throws Exception {
        String iccid = soldEsim();
        Instant before = validUntil(iccid);
        List<Response> answers = concurrently(6, () -> renew(iccid, UUID.randomUUID().toString(), CARD_IN_APP));

        // under the subscription's lock the cap (2 periods ahead) is counted one renewal at a time
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 201, 409, 409, 409, 409);
        assertThat(answers).filteredOn(a -> a.statusCode() == 409)
                .allSatisfy(a -> assertThat(a.jsonPath().getString("type")).isEqualTo("urn:esim:problem:too-far-ahead"));
        assertThat(orders(iccid)).isEqualTo(2);
        assertThat(validUntil(iccid)).isEqualTo(before.plus(Duration.ofDays(6)));
        List<String> periodStarts = answers.stream().filter(a -> a.statusCode() == 201)
                .map(a -> a.jsonPath().getString("periodStart")).toList();
        assertThat(periodStarts).doesNotHaveDuplicates(); // each stacked on the validity the previous one left
    }

    @Test
    void aSubscriptionExpiredBeyondTheGracePeriodCannotBeRenewedAndOneWithinItRestartsNow() {
        String lapsed = soldEsim();
        String late = soldEsim();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("update subscription set valid_until = now() - interval '8 days' where iccid = ?1")
                    .setParameter(1, lapsed).executeUpdate();
            entityManager.createNativeQuery("update subscription set valid_until = now() - interval '2 days' where iccid = ?1")
                    .setParameter(1, late).executeUpdate();
        });

        renew(lapsed, UUID.randomUUID().toString(), CARD_IN_APP).then().statusCode(409)
                .body("type", equalTo("urn:esim:problem:grace-period-over"));
        Instant start = Instant.parse(renew(late, UUID.randomUUID().toString(), CARD_IN_APP).then().statusCode(201)
                .extract().path("periodStart"));
        assertThat(start).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(orders(lapsed)).isZero();
    }

    @Test
    void badRenewalsAreClearProblemsAndChangeNothing() {
        String iccid = soldEsim();
        Instant before = validUntil(iccid);

        renew(iccid, null, CARD_IN_APP).then().statusCode(400).body("type", equalTo("urn:esim:problem:idempotency-key-required"));
        renew(iccid, "k-" + UUID.randomUUID(), "{\"channel\":\"APP\"}").then().statusCode(400);
        renew(iccid, "k-" + UUID.randomUUID(), "{\"channel\":\"APP\",\"paymentMethod\":\"GOLD\"}").then().statusCode(400);
        // bank transfers are taken now (they wait for a confirmation: AsyncPaymentTest); an unknown currency is not
        renew(iccid, "k-" + UUID.randomUUID(), "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"currency\":\"XYZ\"}").then()
                .statusCode(422).body("type", equalTo("urn:esim:problem:currency-not-accepted"));
        renew(iccid, "k-" + UUID.randomUUID(), "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"planCode\":\"GOLD\"}")
                .then().statusCode(422).body("type", equalTo("urn:esim:problem:plan-not-on-sale"));
        renew("1234", "k-" + UUID.randomUUID(), CARD_IN_APP).then().statusCode(400);
        renew(Identifiers.withLuhnDigit("896870399999999999"), "k-" + UUID.randomUUID(), CARD_IN_APP).then().statusCode(404);

        assertThat(orders(iccid)).isZero();
        assertThat(validUntil(iccid)).isEqualTo(before);
    }

    @Test
    void aSubscriptionIsFoundByMsisdnOrAnyOrderNumberAndShowsItsBillHistoryNewestFirst() {
        String iccid = soldEsim();
        String msisdn = given().get("/api/v1/subscriptions/" + iccid).then().extract().path("msisdn");
        String sale = given().get("/api/v1/subscriptions/" + iccid).then().extract().path("orderNumber");
        String renewal = renew(iccid, UUID.randomUUID().toString(), "{\"channel\":\"SUPPORT_DESK\",\"paymentMethod\":\"PAYPAL\"}")
                .then().statusCode(201).extract().path("orderNumber");

        given().queryParam("msisdn", msisdn).get("/api/v1/subscriptions").then().statusCode(200)
                .body("iccid", equalTo(iccid)).body("orderNumber", equalTo(renewal));
        given().queryParam("orderNumber", sale).get("/api/v1/subscriptions").then().statusCode(200).body("iccid", equalTo(iccid));
        JsonPath history = given().get("/api/v1/subscriptions/" + iccid + "/orders").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("orderNumber")).containsExactly(renewal, sale);
        assertThat(history.getList("kind")).containsExactly("RENEWAL", "SALE");
        assertThat(history.getString("[0].paymentMethod")).isEqualTo("PAYPAL");
        assertThat(history.getString("[0].channel")).isEqualTo("SUPPORT_DESK");
        assertThat(history.getInt("[0].amountMinor")).isEqualTo(1500);

        given().get("/api/v1/subscriptions").then().statusCode(400).body("type", equalTo("urn:esim:problem:one-search-key"));
        given().queryParam("msisdn", msisdn).queryParam("orderNumber", sale).get("/api/v1/subscriptions").then().statusCode(400);
        given().queryParam("msisdn", "12345").get("/api/v1/subscriptions").then().statusCode(400);
        given().queryParam("orderNumber", "ORD-19990101-000000").get("/api/v1/subscriptions").then().statusCode(404);
        given().get("/api/v1/subscriptions/" + Identifiers.withLuhnDigit("896870399999999998") + "/orders").then().statusCode(404);
    }

    @Test
    void aKeyRefusedOnceForABadRequestCanBeUsedForTheFixedRequest() {
        String iccid = soldEsim();
        String key = UUID.randomUUID().toString();
        renew(iccid, key, "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"planCode\":\"GOLD\"}").then().statusCode(422);

        renew(iccid, key, CARD_IN_APP).then().statusCode(201);
        assertThat(orders(iccid)).isEqualTo(1);
    }

    private static <T> List<T> concurrently(int copies, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPeriodRenewedAheadWithAnotherPlanIsListedAheadWhileThePlanShownIsTheOneRunningNow() {
        String iccid = soldEsim();
        Instant end = validUntil(iccid);
        String order = renew(iccid, UUID.randomUUID().toString(),
                "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"planCode\":\"TRAVEL-7D-10GB\"}")
                .then().statusCode(201).extract().path("orderNumber");
        JsonPath subscription = given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().jsonPath();
        assertThat(subscription.getString("planCode")).isEqualTo("TRAVEL-3D-3GB");
        assertThat(subscription.getList("periodsAhead")).hasSize(1);
        assertThat(subscription.getString("periodsAhead[0].orderNumber")).isEqualTo(order);
        assertThat(subscription.getString("periodsAhead[0].planCode")).isEqualTo("TRAVEL-7D-10GB");
        assertThat(Instant.parse(subscription.getString("periodsAhead[0].periodStart"))).isEqualTo(end);
        assertThat(Instant.parse(subscription.getString("validUntil")))
                .isEqualTo(Instant.parse(subscription.getString("periodsAhead[0].periodEnd")));
        // a subscription with nothing bought ahead lists nothing
        given().get("/api/v1/subscriptions/" + soldEsim()).then().body("periodsAhead", hasSize(0));
    }
}
