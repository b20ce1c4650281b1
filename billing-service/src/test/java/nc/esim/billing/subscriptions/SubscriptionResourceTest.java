package nc.esim.billing.subscriptions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class SubscriptionResourceTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private static String newIccid() {
        return Identifiers.withLuhnDigit("8968702" + String.format("%011d", NEXT.incrementAndGet()));
    }

    private static String newMsisdn() {
        return "+687" + (500000 + NEXT.incrementAndGet());
    }

    private static String sale(String iccid, String msisdn, String planCode) {
        return """
                {"iccid":"%s","msisdn":"%s","planCode":"%s","email":"client@example.nc","language":"en","channel":"PARTNER_SHOP"}"""
                .formatted(iccid, msisdn, planCode);
    }

    @Test
    void sellingAPlanActivatesTheSubscriptionAndPublishesOneActivatedEventKeyedByIccid() throws IOException {
        String iccid = newIccid();
        String msisdn = newMsisdn();
        given().contentType(ContentType.JSON).body(sale(iccid, msisdn, "TRAVEL-7D-10GB"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201)
                .header("Location", "http://localhost:8081/api/v1/subscriptions/" + iccid)
                .body("status", equalTo("ACTIVE"))
                .body("orderNumber", startsWith("ORD-"));

        List<ConsumerRecord<String, byte[]>> events = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION, r -> iccid.equals(r.key()), 2, Duration.ofSeconds(10));
        assertThat(events).hasSize(1);
        EventMetadata metadata = CloudEventHeaders.read(events.get(0).headers()).orElseThrow();
        assertThat(metadata.type()).isEqualTo("nc.esim.subscription.activated.v1");
        assertThat(metadata.subject()).isEqualTo(iccid);
        SubscriptionEventV1 event = EventJson.read(events.get(0).value(), SubscriptionEventV1.class);
        assertThat(event.type()).isEqualTo(SubscriptionEventType.ACTIVATED);
        assertThat(event.msisdn()).isEqualTo(msisdn);
        assertThat(event.allowance().dataBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(event.allowance().allowanceId()).isEqualTo(event.orderNumber());
        assertThat(event.allowance().validUntil()).isAfter(event.allowance().validFrom().plus(Duration.ofDays(7)));
    }

    @Test
    void aSoldSubscriptionCanBeLookedUpByIccid() {
        String iccid = newIccid();
        given().contentType(ContentType.JSON).body(sale(iccid, newMsisdn(), "TRAVEL-3D-3GB"))
                .post("/api/v1/subscriptions").then().statusCode(201);

        given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200)
                .body("iccid", equalTo(iccid))
                .body("planCode", equalTo("TRAVEL-3D-3GB"))
                .body("language", equalTo("en"));
    }

    @Test
    void sellingToAnIccidThatAlreadyHasASubscriptionIsAConflictProblem() {
        String iccid = newIccid();
        given().contentType(ContentType.JSON).body(sale(iccid, newMsisdn(), "TRAVEL-3D-3GB"))
                .post("/api/v1/subscriptions").then().statusCode(201);

        given().contentType(ContentType.JSON).body(sale(iccid, newMsisdn(), "TRAVEL-7D-10GB"))
                .post("/api/v1/subscriptions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:subscription-exists"))
                .body("status", equalTo(409));
    }

    @Test
    void salesRacingForTheSameIccidSellItOnceAndTheOthersGetAConflict() throws Exception {
        String iccid = newIccid();
        List<String> msisdns = java.util.stream.IntStream.range(0, 8).mapToObj(i -> newMsisdn()).toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (String msisdn : msisdns) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(sale(iccid, msisdn, "TRAVEL-3D-3GB"))
                            .post("/api/v1/subscriptions").statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (var status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(201, 409);
            assertThat(codes).filteredOn(code -> code == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anIccidWithAWrongLuhnDigitIsABadRequestProblemAndSellsNothing() {
        String valid = newIccid();
        String wrongDigit = valid.substring(0, 18) + (char) ('0' + (valid.charAt(18) - '0' + 1) % 10);
        given().contentType(ContentType.JSON).body(sale(wrongDigit, newMsisdn(), "TRAVEL-3D-3GB"))
                .post("/api/v1/subscriptions")
                .then().statusCode(400).contentType("application/problem+json");

        given().get("/api/v1/subscriptions/" + valid).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:subscription-not-found"));
    }

    @Test
    void aPlanCodeNotOnSaleIsAnUnprocessableProblem() {
        given().contentType(ContentType.JSON).body(sale(newIccid(), newMsisdn(), "NO-SUCH-PLAN"))
                .post("/api/v1/subscriptions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:plan-not-on-sale"));
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestProblemWithoutInternals() {
        String body = given().contentType(ContentType.JSON).body("{\"iccid\": ")
                .post("/api/v1/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .extract().asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at nc.esim");
    }

    @Test
    void aForeignMsisdnAndAnUnsupportedLanguageAreBothReported() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"iccid":"%s","msisdn":"+33612345678","planCode":"TRAVEL-3D-3GB","language":"de"}"""
                        .formatted(newIccid()))
                .post("/api/v1/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.size()", equalTo(2));
    }

    @Test
    void theCatalogListsThePlansOnSaleWithWholeFrancPrices() {
        // the seeded plans (operators may have added others: CatalogOperationsTest), cheapest first
        given().get("/api/v1/plans").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.hasItems("TRAVEL-3D-3GB", "TRAVEL-7D-10GB", "LOCAL-30D-50GB"))
                .body("find { it.code == 'TRAVEL-3D-3GB' }.priceMinor", equalTo(1500))
                .body("find { it.code == 'TRAVEL-3D-3GB' }.currency", equalTo("XPF"))
                .body("retired", org.hamcrest.Matchers.everyItem(equalTo(false)))
                .body("priceMinor", org.hamcrest.Matchers.equalTo(given().get("/api/v1/plans").jsonPath()
                        .getList("priceMinor", Integer.class).stream().sorted().toList()));
    }
}
