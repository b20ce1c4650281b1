package nc.esim.billing.payments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Exchange rates and payments in another currency than XPF, on the real database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class ForeignCurrencyPaymentTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private static String soldEsim() {
        int n = NEXT.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("8968706" + String.format("%011d", n));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687%06d","planCode":"TRAVEL-3D-3GB","language":"en"}""".formatted(iccid, 900_000 + n))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    private static io.restassured.response.Response renewIn(String iccid, String currency) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"channel\":\"WEB\",\"paymentMethod\":\"CARD\",\"currency\":\"%s\"}".formatted(currency))
                .post("/api/v1/subscriptions/" + iccid + "/renewals");
    }

    @Test
    void aRenewalPaidInEurosShowsPriceFeeRateAndBothAmountsOnItsReceiptAndBillHistory() {
        String iccid = soldEsim();

        JsonPath receipt = renewIn(iccid, "EUR").then().statusCode(201).extract().jsonPath();

        assertThat(receipt.getLong("amountMinor")).isEqualTo(1_500);
        assertThat(receipt.getLong("feeMinor")).isEqualTo(30);
        assertThat(receipt.getLong("totalMinor")).isEqualTo(1_530);
        assertThat(receipt.getString("currency")).isEqualTo("XPF");
        assertThat(receipt.getString("paidCurrency")).isEqualTo("EUR");
        assertThat(receipt.getLong("paidAmountMinor")).isEqualTo(1_283);
        assertThat(receipt.getString("rateXpfPerUnit")).startsWith("119.33174");
        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().statusCode(200)
                .body("[0].kind", equalTo("RENEWAL"));
    }

    @Test
    void anOperatorSetsARateAndLaterPaymentsSnapshotIt() {
        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":76.5,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/AUD").then().statusCode(200).body("currency", equalTo("AUD"));
        String iccid = soldEsim();
        assertThat(renewIn(iccid, "AUD").then().statusCode(201).extract().jsonPath().getLong("paidAmountMinor")).isEqualTo(2_000);

        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":80,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/AUD").then().statusCode(200);
        assertThat(renewIn(iccid, "AUD").then().statusCode(201).extract().jsonPath().getLong("paidAmountMinor"))
                .isEqualTo(1_913); // 1,530 / 80 = 19.125, rounded up to 19.13

        // each order keeps the rate of its moment
        JsonPath history = given().get("/api/v1/subscriptions/" + iccid + "/orders").then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("[0].rateXpfPerUnit")).startsWith("80");
        assertThat(history.getString("[1].rateXpfPerUnit")).startsWith("76.5");
        assertThat(history.getLong("[1].paidAmountMinor")).isEqualTo(2_000);
        assertThat(history.getLong("[1].feeMinor")).isEqualTo(30);
        // the total in XPF (1,500 + 2 % fee) beside what was paid in AUD
        assertThat(history.getLong("[1].totalMinor")).isEqualTo(1_530);
        assertThat(history.getString("[1].paidCurrency")).isEqualTo("AUD");
        assertThat(given().get("/api/v1/exchange-rates").then().statusCode(200).extract().jsonPath().getList("currency"))
                .contains("AUD", "EUR");
    }

    @Test
    void thePegCannotBeChangedAndBadRatesOrUnknownCurrenciesAreRefused() {
        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":100,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/EUR").then().statusCode(409).body("type", equalTo("urn:esim:problem:rate-pegged"));
        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":-1,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/USD").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":1,\"minorUnits\":7}")
                .put("/api/v1/exchange-rates/USD").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"xpfPerUnit\":1,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/usd").then().statusCode(400);

        String iccid = soldEsim();
        renewIn(iccid, "ZZZ").then().statusCode(422).body("type", equalTo("urn:esim:problem:currency-not-accepted"));
        renewIn(iccid, "euro").then().statusCode(400);
        assertThat(given().get("/api/v1/subscriptions/" + iccid + "/orders").then().extract().jsonPath().getList("kind"))
                .containsExactly("SALE");
    }
}
