package nc.esim.billing.promotions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.billing.support.BillingApi;
import nc.esim.infra.quarkus.RealInfrastructure;

/** The seeded promotions (FIRST-PACK-BONUS, LOYAL-RENEWAL) and the operator API, on the real database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class PromotionsTest {
    private static final BillingApi API = new BillingApi(13);
    private static final long GB = 1024L * 1024 * 1024;
    private static final String RENEW = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";

    @Inject
    EntityManager entityManager;

    @Test
    void theFirstDataPackOfASubscriptionCarriesTheBonusAndTheSecondDoesNot() {
        String iccid = API.sell("TRAVEL-7D-10GB");
        String pack = "{\"addOnCode\":\"DATA-1GB\",\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}";
        String first = BillingApi.order(iccid, "top-ups", pack).then().statusCode(201)
                .body("promotionCode", equalTo("FIRST-PACK-BONUS")).body("bonusDataBytes", equalTo((int) GB))
                .body("totalMinor", equalTo(800)).extract().path("orderNumber");
        BillingApi.order(iccid, "top-ups", pack).then().statusCode(201)
                .body("promotionCode", nullValue()).body("bonusDataBytes", equalTo(0));
        // the allowance granted by the first pack holds the pack and the bonus
        assertThat(grantedData(first)).isEqualTo(2 * GB);
    }

    private void nextPeriodBegins(String iccid) {
        BillingApi.nextPeriodBegins(entityManager, iccid);
    }

    @Test
    void theThirdRenewalInARowBeforeExpiryIsDiscountedAndALateRenewalStartsTheCountAgain() {
        String iccid = API.sell("TRAVEL-7D-10GB");
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        nextPeriodBegins(iccid);
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        nextPeriodBegins(iccid);
        // 10 % of 3,500 XPF, for the third period in a row renewed before its end
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("promotionCode", equalTo("LOYAL-RENEWAL"))
                .body("amountMinor", equalTo(3500)).body("discountMinor", equalTo(350)).body("totalMinor", equalTo(3150));
        nextPeriodBegins(iccid);
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(350));

        BillingApi.sql(entityManager, "update subscription set valid_until = now() - interval '1 day' where iccid = ?1", iccid);
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().body("promotionCode", hasItem("LOYAL-RENEWAL"))
                // the bill history says what each order cost, as its receipt did
                .body("find { it.promotionCode == 'LOYAL-RENEWAL' }.totalMinor", equalTo(3150));
    }

    @Test
    void renewalsBoughtAheadWithinOnePeriodCountOnceSoTheLoyaltyDiscountCannotBeFarmed() {
        String iccid = API.sell("TRAVEL-7D-10GB");
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        // two periods ahead already: the third renewal in a row within seconds is refused, not discounted
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:too-far-ahead"));
        long inARow = BillingApi.number(entityManager, "select early_renewals_in_a_row from subscription where iccid = ?1", iccid);
        assertThat(inARow).isEqualTo(1);
        // the two periods bought have begun in turn: the next renewal renews the period running now and counts,
        // the second of the row (the two bought within one period counted once), so still no discount
        nextPeriodBegins(iccid);
        nextPeriodBegins(iccid);
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201).body("discountMinor", equalTo(0));
        assertThat(BillingApi.number(entityManager, "select early_renewals_in_a_row from subscription where iccid = ?1", iccid))
                .isEqualTo(2);
    }

    @Test
    void aDiscountInAForeignCurrencyIsTakenBeforeTheFeeAndTheConversion() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201);
        nextPeriodBegins(iccid);
        BillingApi.order(iccid, "renewals", RENEW).then().statusCode(201);
        nextPeriodBegins(iccid);
        // 1,500 - 150 = 1,350 XPF; fee 2 % = 27; 1,377 XPF / 119.33174 = 11.539… EUR → 11.54
        BillingApi.order(iccid, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\",\"currency\":\"EUR\"}")
                .then().statusCode(201).body("discountMinor", equalTo(150)).body("feeMinor", equalTo(27))
                .body("totalMinor", equalTo(1377)).body("paidAmountMinor", equalTo(1154));
    }

    @Test
    void aPromotionOutsideItsDatesOrRetiredGivesNothing() {
        given().contentType(ContentType.JSON).body("""
                {"name":"Past bonus","kind":"FIRST_TOP_UP_BONUS","bonusDataBytes":10737418240,
                 "validFrom":"2025-01-01T00:00:00Z","validUntil":"2025-02-01T00:00:00Z"}""")
                .put("/api/v1/promotions/PAST-BONUS").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"name":"Retired bonus","kind":"FIRST_TOP_UP_BONUS","bonusDataBytes":21474836480,
                 "validFrom":"2025-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z"}""")
                .put("/api/v1/promotions/RETIRED-BONUS").then().statusCode(201);
        given().delete("/api/v1/promotions/RETIRED-BONUS").then().statusCode(200).body("retired", equalTo(true));

        String iccid = API.sell("TRAVEL-7D-10GB");
        BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-1GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(201).body("promotionCode", equalTo("FIRST-PACK-BONUS"));
    }

    @Test
    void badPromotionsAreClearProblemsAndAddNothing() {
        given().contentType(ContentType.JSON).body("""
                {"name":"x","kind":"FIRST_TOP_UP_BONUS","discountPercent":10,
                 "validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}""")
                .put("/api/v1/promotions/MIXED-UP").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("""
                {"name":"x","kind":"EARLY_RENEWAL_DISCOUNT","discountPercent":10,"earlyRenewalsInARow":2,
                 "validFrom":"2027-01-01T00:00:00Z","validUntil":"2026-01-01T00:00:00Z"}""")
                .put("/api/v1/promotions/BACKWARDS").then().statusCode(400);
        given().contentType(ContentType.JSON).body("""
                {"name":"x","kind":"EARLY_RENEWAL_DISCOUNT","discountPercent":150,"earlyRenewalsInARow":2,
                 "validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}""")
                .put("/api/v1/promotions/TOO-GENEROUS").then().statusCode(400);
        given().delete("/api/v1/promotions/NO-SUCH-PROMO").then().statusCode(404);
        assertThat(given().get("/api/v1/promotions").then().statusCode(200).extract().jsonPath().getList("code", String.class))
                .doesNotContain("MIXED-UP", "BACKWARDS", "TOO-GENEROUS");
    }

    private long grantedData(String orderNumber) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select data_bytes from customer_order where order_number = ?1").setParameter(1, orderNumber)
                .getSingleResult()).longValue());
    }
}
