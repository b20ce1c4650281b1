package nc.esim.billing.payments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

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

/**
 * Bank transfer, WeChat Pay and Alipay: the order waits for the provider's signed confirmation; on the
 * real database and broker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AsyncPaymentTest {
    private static final BillingApi API = new BillingApi(12);
    private static final String SECRET = BillingApi.CALLBACK_SECRET;

    @Inject
    EntityManager entityManager;

    @Inject
    UnconfirmedOrders unconfirmedOrders;

    @Inject
    nc.esim.billing.lifecycle.ExpiryScan scan;

    private static String renewBy(String iccid, String method) {
        return BillingApi.order(iccid, "renewals", "{\"channel\":\"WECHAT\",\"paymentMethod\":\"%s\"}".formatted(method))
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT")).body("validUntil", nullValue())
                .extract().path("orderNumber");
    }

    @Test
    void aRenewalPaidByWeChatPayIsGrantedOnlyWhenItsSignedConfirmationArrives() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        Instant end = BillingApi.validUntil(iccid);
        String order = renewBy(iccid, "WECHAT_PAY");
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(end);
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");

        BillingApi.confirm(BillingApi.confirmation(order, "WECHAT_PAY", "XPF", 1500, "wx-1"), SECRET).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        assertThat(BillingApi.validUntil(iccid)).isAfter(end);
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated", "renewed");
        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().body("[0].status", equalTo("CONFIRMED"));
    }

    @Test
    void renewalsAwaitingPaymentCountAsBoughtAheadSoUnpaidOrdersCannotStackPastTheCap() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        renewBy(iccid, "BANK_TRANSFER");
        renewBy(iccid, "BANK_TRANSFER");
        BillingApi.order(iccid, "renewals", "{\"channel\":\"WECHAT\",\"paymentMethod\":\"BANK_TRANSFER\"}")
                .then().statusCode(409).body("type", equalTo("urn:esim:problem:too-far-ahead"));
        BillingApi.order(iccid, "renewals", "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(409).body("type", equalTo("urn:esim:problem:too-far-ahead"));
    }

    @Test
    void aConfirmationSentAgainReturnsTheSameOutcomeAndGrantsNothingMore() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = renewBy(iccid, "ALIPAY");
        String body = BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "ali-7");
        String first = BillingApi.confirm(body, SECRET).then().statusCode(200).extract().asString();
        Instant end = BillingApi.validUntil(iccid);

        assertThat(BillingApi.confirm(body, SECRET).then().statusCode(200).extract().asString()).isEqualTo(first);
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(end);
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated", "renewed");
        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "ali-8"), SECRET).then().statusCode(409)
                .body("type", equalTo("urn:esim:problem:order-already-paid"));
    }

    @Test
    void aContradictoryConfirmationOfAnOrderAlreadyConfirmedIsRefusedNotAnsweredAsASuccess() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = renewBy(iccid, "ALIPAY");
        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "ali-9"), SECRET).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        Instant end = BillingApi.validUntil(iccid);

        // the same reference, but another amount, currency or method: as a pending order would be, a 422
        for (String contradiction : List.of(BillingApi.confirmation(order, "ALIPAY", "XPF", 1, "ali-9"),
                BillingApi.confirmation(order, "ALIPAY", "EUR", 1500, "ali-9"),
                BillingApi.confirmation(order, "WECHAT_PAY", "XPF", 1500, "ali-9"))) {
            BillingApi.confirm(contradiction, SECRET).then().statusCode(422)
                    .body("type", equalTo("urn:esim:problem:payment-mismatch"));
        }
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(end);
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated", "renewed");
    }

    @Test
    void confirmationsWithoutAValidSignatureAreRefusedAndChangeNothing() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = renewBy(iccid, "BANK_TRANSFER");
        String body = BillingApi.confirmation(order, "BANK_TRANSFER", "XPF", 1500, "bank-1");

        BillingApi.confirm(body, "another-secret").then().statusCode(401)
                .body("type", equalTo("urn:esim:problem:invalid-signature"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/payments/confirmations").then().statusCode(401);
        given().contentType(ContentType.JSON).header(CallbackSignature.HEADER, "sha256=zz-not-hex").body(body)
                .post("/api/v1/payments/confirmations").then().statusCode(401);
        // signed, then altered: the amount in the body is not what was signed
        String signature = CallbackSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON).header(CallbackSignature.HEADER, signature).body(body.replace("1500", "15"))
                .post("/api/v1/payments/confirmations").then().statusCode(401);

        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().body("[0].status", equalTo("AWAITING_PAYMENT"));
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");
    }

    @Test
    void confirmationsForUnknownOrOtherwisePaidOrdersAreRefused() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = renewBy(iccid, "BANK_TRANSFER");
        BillingApi.confirm(BillingApi.confirmation("NO-SUCH-ORDER", "BANK_TRANSFER", "XPF", 1500, "b"), SECRET)
                .then().statusCode(404);
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "XPF", 1499, "b"), SECRET).then().statusCode(422)
                .body("type", equalTo("urn:esim:problem:payment-mismatch"));
        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "b"), SECRET).then().statusCode(422);
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "EUR", 1500, "b"), SECRET).then().statusCode(422);
        BillingApi.confirm("{\"orderNumber\":\"" + order + "\"}", SECRET).then().statusCode(400);
        BillingApi.confirm("not json", SECRET).then().statusCode(400);
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");
    }

    @Test
    void anUnconfirmedOrderExpiresOnceWithAnEventAndALateConfirmationIsRefused() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = renewBy(iccid, "BANK_TRANSFER");
        unconfirmedOrders.expireOverdue();
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");

        BillingApi.sql(entityManager, "update customer_order set payment_due_by = now() - interval '1 minute' where order_number = ?1", order);
        assertThat(unconfirmedOrders.expireOverdue()).isGreaterThanOrEqualTo(1);
        unconfirmedOrders.expireOverdue();
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated", "payment-expired");

        Instant end = BillingApi.validUntil(iccid);
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "XPF", 1500, "late"), SECRET).then().statusCode(409)
                .body("type", equalTo("urn:esim:problem:order-expired"));
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(end);
    }

    @Test
    void aDataPackPaidAfterTheSubscriptionEndedIsNotGrantedButOwedBack() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-1GB\",\"channel\":\"APP\",\"paymentMethod\":\"ALIPAY\"}")
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT")).extract().path("orderNumber");
        BillingApi.sql(entityManager, "update subscription set valid_until = now() - interval '1 hour' where iccid = ?1", iccid);

        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 800, "ali-late"), SECRET).then().statusCode(200)
                .body("status", equalTo("REFUND_DUE"));
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");
    }

    @Test
    void aForeignCurrencyAsyncPaymentMustMatchTheConvertedAmount() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String order = BillingApi.order(iccid, "renewals", "{\"channel\":\"WEB\",\"paymentMethod\":\"BANK_TRANSFER\",\"currency\":\"EUR\"}")
                .then().statusCode(201).body("paidAmountMinor", equalTo(1283)).extract().path("orderNumber");
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "XPF", 1530, "b"), SECRET).then().statusCode(422);
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "EUR", 1283, "b"), SECRET).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
    }

    @Test
    void aPlanSoldByBankTransferIsPendingUntilPaidThenActiveForItsFullValidity() {
        String iccid = Identifiers.withLuhnDigit("896871290000000001");
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687129001","planCode":"TRAVEL-7D-10GB","paymentMethod":"BANK_TRANSFER"}"""
                .formatted(iccid)).post("/api/v1/subscriptions").then().statusCode(201).body("status", equalTo("PENDING"));
        String order = given().get("/api/v1/subscriptions/" + iccid + "/orders").then()
                .body("[0].status", equalTo("AWAITING_PAYMENT")).extract().path("[0].orderNumber");
        assertThat(BillingApi.events(entityManager, iccid)).isEmpty();

        Instant paidAt = Instant.now();
        BillingApi.confirm(BillingApi.confirmation(order, "BANK_TRANSFER", "XPF", 3500, "bank-sale"), SECRET).then()
                .statusCode(200).body("status", equalTo("CONFIRMED"));
        given().get("/api/v1/subscriptions/" + iccid).then().body("status", equalTo("ACTIVE"));
        assertThat(BillingApi.validUntil(iccid)).isAfter(paidAt.plus(java.time.Duration.ofDays(7)));
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("activated");
    }

    @Test
    void aPlanSaleNeverPaidExpiresWithoutAnyLifecycleNoticeButItsOwn() {
        String iccid = Identifiers.withLuhnDigit("896871290000000002");
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687129002","planCode":"TRAVEL-3D-3GB","paymentMethod":"ALIPAY","currency":"EUR"}"""
                .formatted(iccid)).post("/api/v1/subscriptions").then().statusCode(201).body("status", equalTo("PENDING"));
        scan.scan();
        assertThat(BillingApi.events(entityManager, iccid)).isEmpty();

        BillingApi.sql(entityManager, """
                update customer_order set payment_due_by = now() - interval '1 second'
                where subscription_id = (select id from subscription where iccid = ?1)""", iccid);
        unconfirmedOrders.expireOverdue();
        scan.scan();
        assertThat(BillingApi.events(entityManager, iccid)).containsExactly("payment-expired");
        given().get("/api/v1/subscriptions/" + iccid).then().body("status", equalTo("EXPIRED"));
    }
}
