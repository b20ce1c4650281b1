package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The selling shop comes from the token, never from the body; the customer's counter-party consent is
 * recorded and published; a body binds only the fields its caller may set.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class ShopsConsentAndMassAssignmentTest {
    private static final String SERIES = "15";
    private static int next;

    @Inject
    EntityManager entityManager;

    private static String shop(String shopId) {
        return LocalAuth.bearer("clerk@" + shopId, Set.of("partner-shop"), shopId);
    }

    private static synchronized String[] fresh() {
        next++;
        return new String[] {Identifiers.withLuhnDigit("89687" + SERIES + String.format("%011d", next)),
                "+687" + SERIES + String.format("%04d", next)};
    }

    @Test
    void aSaleRecordsTheSellingShopFromItsTokenAndPublishesIt() {
        String[] esim = fresh();
        given().header("Authorization", shop("SHOP-KOUTIO")).contentType(ContentType.JSON)
                .body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\"}".formatted(esim[0], esim[1]))
                .post("/api/v1/subscriptions").then().statusCode(201).body("soldByShop", equalTo("SHOP-KOUTIO"))
                .body("counterPartyConsent", equalTo(false));
        assertThat(soldByShopInEvents(esim[0])).containsExactly("SHOP-KOUTIO");
    }

    @Test
    void aPartnerShopTokenWithoutItsShopIdCannotSell() {
        String[] esim = fresh();
        given().header("Authorization", LocalAuth.bearer("nameless", Set.of("partner-shop"), null))
                .contentType(ContentType.JSON)
                .body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\"}".formatted(esim[0], esim[1]))
                .post("/api/v1/subscriptions").then().statusCode(403).body("type", equalTo("urn:esim:problem:shop-id-missing"));
        given().get("/api/v1/subscriptions/" + esim[0]).then().statusCode(404);
    }

    @Test
    void aBodyCannotSetTheShopTheStatusOrAnyFieldItDoesNotDeclare() {
        String[] esim = fresh();
        for (String extra : new String[] {"\"soldByShop\":\"SHOP-OTHER\"", "\"status\":\"ACTIVE\"",
                "\"validUntil\":\"2099-01-01T00:00:00Z\"", "\"autoRenew\":true"}) {
            given().header("Authorization", shop("SHOP-KOUTIO")).contentType(ContentType.JSON)
                    .body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\",%s}".formatted(esim[0], esim[1], extra))
                    .post("/api/v1/subscriptions").then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/api/v1/subscriptions/" + esim[0]).then().statusCode(404);
        assertThat(BillingApi.events(entityManager, esim[0])).isEmpty();
    }

    @Test
    void consentGivenAtSaleOrLaterIsRecordedAndAChangeIsPublishedOnce() {
        String[] esim = fresh();
        given().header("Authorization", shop("SHOP-KOUTIO")).contentType(ContentType.JSON)
                .body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\",\"counterPartyConsent\":true}"
                        .formatted(esim[0], esim[1]))
                .post("/api/v1/subscriptions").then().statusCode(201).body("counterPartyConsent", equalTo(true));
        String path = "/api/v1/subscriptions/" + esim[0] + "/counter-party-consent";
        given().contentType(ContentType.JSON).body("{\"granted\":false}").put(path).then().statusCode(200)
                .body("counterPartyConsent", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"granted\":false}").put(path).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").put(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"granted\":true,\"soldByShop\":\"X\"}").put(path).then().statusCode(400);
        assertThat(BillingApi.events(entityManager, esim[0])).containsExactly("activated", "consent-changed");
        given().get("/api/v1/subscriptions/" + esim[0]).then().body("counterPartyConsent", equalTo(false))
                .body("soldByShop", equalTo("SHOP-KOUTIO"));
    }

    @SuppressWarnings("unchecked")
    private java.util.List<Object> soldByShopInEvents(String iccid) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select convert_from(payload, 'UTF8')::jsonb ->> 'soldByShop' from outbox_event where event_key = ?1 order by id")
                .setParameter(1, iccid).getResultList());
    }
}
