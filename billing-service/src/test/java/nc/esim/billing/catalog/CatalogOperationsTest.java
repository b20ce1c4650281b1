package nc.esim.billing.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Operators add, change and retire plans and add-ons; prices in other currencies. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class CatalogOperationsTest {
    private static final BillingApi API = new BillingApi(11);

    @Inject
    EntityManager entityManager;

    private static io.restassured.response.Response define(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).put(path);
    }

    @Test
    void anOperatorAddsChangesAndRetiresAPlanAndRetiredPlansAreNoLongerSold() {
        define("/api/v1/plans/WEEKEND-2D-2GB", """
                {"name":"Weekend 2 days, 2 GB","dataBytes":2147483648,"validityDays":2,"priceMinor":900}""")
                .then().statusCode(201).body("code", equalTo("WEEKEND-2D-2GB")).body("currency", equalTo("XPF"));
        given().get("/api/v1/plans").then().statusCode(200).body("code", hasItem("WEEKEND-2D-2GB"));

        define("/api/v1/plans/WEEKEND-2D-2GB", """
                {"name":"Weekend 2 days, 2 GB","dataBytes":2147483648,"validityDays":2,"priceMinor":990}""")
                .then().statusCode(200).body("priceMinor", equalTo(990));

        given().delete("/api/v1/plans/WEEKEND-2D-2GB").then().statusCode(200).body("retired", equalTo(true));
        given().delete("/api/v1/plans/WEEKEND-2D-2GB").then().statusCode(200).body("retired", equalTo(true));
        given().get("/api/v1/plans").then().body("code", not(hasItem("WEEKEND-2D-2GB")));
        given().get("/api/v1/plans?includeRetired=true").then().body("code", hasItem("WEEKEND-2D-2GB"));
        define("/api/v1/plans/WEEKEND-2D-2GB", """
                {"name":"again","dataBytes":1,"validityDays":2,"priceMinor":1}""")
                .then().statusCode(409).body("type", equalTo("urn:esim:problem:plan-retired"));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687119999","planCode":"WEEKEND-2D-2GB"}"""
                .formatted(Identifiers.withLuhnDigit("896871199999999999")))
                .post("/api/v1/subscriptions").then().statusCode(422).body("type", equalTo("urn:esim:problem:plan-not-on-sale"));
    }

    @Test
    void aSubscriberOfARetiredPlanKeepsItAndMayStillRenewItButNobodyMaySwitchToIt() {
        define("/api/v1/plans/SHORT-1D-1GB", """
                {"name":"One day, 1 GB","dataBytes":1073741824,"validityDays":1,"priceMinor":500}""").then().statusCode(201);
        String subscriber = API.sell("SHORT-1D-1GB");
        String other = API.sell("TRAVEL-3D-3GB");
        given().delete("/api/v1/plans/SHORT-1D-1GB").then().statusCode(200);

        BillingApi.order(subscriber, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(201).body("planCode", equalTo("SHORT-1D-1GB")).body("amountMinor", equalTo(500));
        BillingApi.order(other, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"planCode\":\"SHORT-1D-1GB\"}")
                .then().statusCode(422).body("type", equalTo("urn:esim:problem:plan-not-on-sale"));
    }

    @Test
    void changingAPlanChangesWhatIsSoldFromNowOnNotWhatWasBought() {
        define("/api/v1/plans/CHANGING-5D-5GB", """
                {"name":"Five days","dataBytes":5368709120,"validityDays":5,"priceMinor":2000}""").then().statusCode(201);
        String iccid = API.sell("CHANGING-5D-5GB");
        define("/api/v1/plans/CHANGING-5D-5GB", """
                {"name":"Five days","dataBytes":1073741824,"validityDays":5,"priceMinor":2500}""").then().statusCode(200);
        String later = API.sell("CHANGING-5D-5GB");

        assertThat(soldData(iccid)).isEqualTo(5368709120L);
        assertThat(soldData(later)).isEqualTo(1073741824L);
        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().body("[0].amountMinor", equalTo(2000));
    }

    private long soldData(String iccid) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                select o.data_bytes from customer_order o join subscription s on s.id = o.subscription_id
                where s.iccid = ?1 and o.kind = 'SALE'""").setParameter(1, iccid).getSingleResult()).longValue());
    }

    @Test
    void anOperatorAddsADataPackAndRetiresIt() {
        define("/api/v1/add-ons/DATA-2GB", """
                {"name":"Data pack 2 GB","kind":"DATA_PACK","dataBytes":2147483648,"priceMinor":1500}""")
                .then().statusCode(201).body("kind", equalTo("DATA_PACK"));
        String iccid = API.sell("TRAVEL-7D-10GB");
        BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-2GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(201);
        given().delete("/api/v1/add-ons/DATA-2GB").then().statusCode(200).body("retired", equalTo(true));
        given().get("/api/v1/add-ons").then().body("code", not(hasItem("DATA-2GB")));
        BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-2GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(422).body("type", equalTo("urn:esim:problem:add-on-not-on-sale"));
    }

    @Test
    void pricesAreShownInOtherCurrenciesWithTheFeeAndTheRateOfNow() {
        Map<String, Object> travel = given().get("/api/v1/plans?currency=EUR").then().statusCode(200).extract()
                .jsonPath().getMap("find { it.code == 'TRAVEL-3D-3GB' }");
        @SuppressWarnings("unchecked")
        Map<String, Object> eur = ((List<Map<String, Object>>) travel.get("pricesIn")).get(0);
        // 1,500 XPF + 2 % fee = 1,530 XPF = 12.8214… EUR, rounded up to the cent
        assertThat(eur).containsEntry("currency", "EUR").containsEntry("feeMinor", 30).containsEntry("paidAmountMinor", 1283);
        given().get("/api/v1/add-ons?currency=EUR").then().statusCode(200)
                .body("find { it.code == 'DATA-1GB' }.pricesIn[0].paidAmountMinor", equalTo(684));
    }

    @Test
    void badCatalogChangesAreClearProblemsAndChangeNothing() {
        define("/api/v1/plans/lower-case", """
                {"name":"x","dataBytes":1,"validityDays":1,"priceMinor":1}""").then().statusCode(400);
        define("/api/v1/plans/NEGATIVE-PRICE", """
                {"name":"x","dataBytes":1,"validityDays":1,"priceMinor":-5}""").then().statusCode(400);
        define("/api/v1/plans/NO-DAYS", """
                {"name":"x","dataBytes":1,"validityDays":0,"priceMinor":5}""").then().statusCode(400);
        define("/api/v1/add-ons/PACK-WITH-DAYS", """
                {"name":"x","kind":"DATA_PACK","dataBytes":1,"extraDays":3,"priceMinor":5}""")
                .then().statusCode(400).contentType("application/problem+json");
        define("/api/v1/add-ons/NOT-JSON", "{").then().statusCode(400);
        given().get("/api/v1/plans?currency=XYZ").then().statusCode(422)
                .body("type", equalTo("urn:esim:problem:currency-not-accepted"));
        given().get("/api/v1/plans/NO-SUCH-PLAN").then().statusCode(404);
        given().get("/api/v1/plans?includeRetired=true").then()
                .body("code", not(hasItem("NEGATIVE-PRICE"))).body("code", not(hasItem("NO-DAYS")));
        given().get("/api/v1/add-ons?includeRetired=true").then().body("code", not(hasItem("PACK-WITH-DAYS")));
    }
}
