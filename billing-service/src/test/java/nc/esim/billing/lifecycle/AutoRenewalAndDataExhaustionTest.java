package nc.esim.billing.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.billing.payments.UnconfirmedOrders;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * Auto-renewal before expiry and when data runs out, and suspension without it, driven by the expiry
 * scan and by usage alerts on the real broker; payments confirmed through the signed callback.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AutoRenewalAndDataExhaustionTest {
    private static final BillingApi API = new BillingApi(14);
    private static final EventPublisher publisher = RealInfrastructure.events();

    @Inject
    ExpiryScan scan;

    @Inject
    UnconfirmedOrders unconfirmedOrders;

    @Inject
    EntityManager entityManager;

    private static void autoRenew(String iccid, String body) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/subscriptions/" + iccid + "/auto-renewal")
                .then().statusCode(200);
    }

    private static String saleOrder(String iccid) {
        return given().get("/api/v1/subscriptions/" + iccid + "/orders").then().extract().path("[-1].orderNumber");
    }

    private static void dataUsedUp(String iccid, String allowanceId, int level) {
        UsageAlertV1 alert = new UsageAlertV1(UsageAlertV1.SCHEMA_VERSION, iccid, allowanceId, UsageType.DATA, level,
                100, 100, Instant.now());
        publisher.publish(Topics.USAGE_ALERTS, EventMetadata.newEvent(UsageAlertV1.CLOUD_EVENT_TYPE, "/usage-service",
                iccid, Instant.now()), alert);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> autoRenewals(String iccid) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select o.order_number, o.status, o.starts_at_confirmation, o.paid_amount_minor from customer_order o
                join subscription s on s.id = o.subscription_id where s.iccid = ?1 and o.channel = 'AUTO_RENEWAL'
                order by o.created_at""").setParameter(1, iccid).getResultList());
    }

    @Test
    void withAutoRenewalOnOneRenewalIsPlacedBeforeExpiryAndGrantedWhenThePaymentIsConfirmed() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        autoRenew(iccid, "{\"enabled\":true,\"paymentMethod\":\"PAYPAL\"}");
        BillingApi.sql(entityManager, "update subscription set valid_until = now() + interval '1 day' where iccid = ?1", iccid);
        BillingApi.sql(entityManager, """
                update customer_order o set period_end = s.valid_until from subscription s
                where s.id = o.subscription_id and s.iccid = ?1""", iccid);
        Instant end = BillingApi.validUntil(iccid);

        scan.scan();
        scan.scan();
        List<Object[]> placed = autoRenewals(iccid);
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0)[1]).isEqualTo("AWAITING_PAYMENT");
        assertThat(placed.get(0)[2]).isEqualTo(false);

        BillingApi.confirm(BillingApi.confirmation((String) placed.get(0)[0], "PAYPAL", "XPF", 1500, "pp-1"),
                BillingApi.CALLBACK_SECRET).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(BillingApi.validUntil(iccid)).isEqualTo(Validity.until(end, 3));
        assertThat(BillingApi.events(entityManager, iccid)).contains("renewed");
    }

    @Test
    void anAutoRenewalNotPaidInTimeFailsOnceWithAnEvent() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        autoRenew(iccid, "{\"enabled\":true,\"paymentMethod\":\"CARD\"}");
        BillingApi.sql(entityManager, "update subscription set valid_until = now() + interval '1 day' where iccid = ?1", iccid);
        scan.scan();
        BillingApi.sql(entityManager, """
                update customer_order set payment_due_by = now() - interval '1 second'
                where status = 'AWAITING_PAYMENT' and subscription_id = (select id from subscription where iccid = ?1)""", iccid);

        unconfirmedOrders.expireOverdue();
        unconfirmedOrders.expireOverdue();
        assertThat(BillingApi.events(entityManager, iccid)).containsOnlyOnce("auto-renew-failed");
        assertThat(autoRenewals(iccid)).extracting(row -> row[1]).containsExactly("PAYMENT_EXPIRED");
    }

    @Test
    void withoutAutoRenewalASubscriptionWhoseDataRanOutIsSuspendedOnceEvenWhenTheAlertIsReplayed() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String allowance = saleOrder(iccid);
        dataUsedUp(iccid, allowance, 80);
        dataUsedUp(iccid, allowance, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(BillingApi.status(iccid)));
        dataUsedUp(iccid, allowance, 100);

        // a top-up brings it back, and a later replay of the old alert changes nothing
        BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-1GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(201);
        assertThat(BillingApi.status(iccid)).isEqualTo("ACTIVE");
        dataUsedUp(iccid, allowance, 100);
        String marker = API.sell("TRAVEL-3D-3GB");
        dataUsedUp(marker, saleOrder(marker), 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(BillingApi.status(marker)));
        assertThat(BillingApi.status(iccid)).isEqualTo("ACTIVE");
        assertThat(BillingApi.events(entityManager, iccid)).containsOnlyOnce("suspended");
    }

    @Test
    void aSubscriptionWithALiveDataPackLeftIsNotSuspendedUntilThePackRunsOutToo() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        String pack = BillingApi.order(iccid, "top-ups", "{\"addOnCode\":\"DATA-1GB\",\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .then().statusCode(201).extract().path("orderNumber");
        dataUsedUp(iccid, saleOrder(iccid), 100);
        String marker = API.sell("TRAVEL-3D-3GB");
        dataUsedUp(marker, saleOrder(marker), 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(BillingApi.status(marker)));
        assertThat(BillingApi.status(iccid)).isEqualTo("ACTIVE");

        dataUsedUp(iccid, pack, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(BillingApi.status(iccid)));
    }

    @Test
    void withAutoRenewalOnDataRunningOutPlacesARenewalThatStartsWhenPaidAndItsFailureSuspends() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        autoRenew(iccid, "{\"enabled\":true,\"paymentMethod\":\"CARD\"}");
        dataUsedUp(iccid, saleOrder(iccid), 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> autoRenewals(iccid).size() == 1);
        Object[] placed = autoRenewals(iccid).get(0);
        assertThat(placed[2]).isEqualTo(true);
        assertThat(BillingApi.status(iccid)).isEqualTo("ACTIVE");

        BillingApi.sql(entityManager, "update customer_order set payment_due_by = now() - interval '1 second' where order_number = ?1",
                placed[0]);
        unconfirmedOrders.expireOverdue();
        assertThat(BillingApi.status(iccid)).isEqualTo("SUSPENDED");
        assertThat(BillingApi.events(entityManager, iccid)).endsWith("auto-renew-failed", "suspended");
    }

    @Test
    void aPaidAutoRenewalAtDataExhaustionStartsNowAndLiftsTheSuspension() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        autoRenew(iccid, "{\"enabled\":true,\"paymentMethod\":\"CARD\"}");
        dataUsedUp(iccid, saleOrder(iccid), 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> autoRenewals(iccid).size() == 1);
        Instant before = Instant.now();
        BillingApi.confirm(BillingApi.confirmation((String) autoRenewals(iccid).get(0)[0], "CARD", "XPF", 1500, "card-9"),
                BillingApi.CALLBACK_SECRET).then().statusCode(200);
        String periodStart = given().get("/api/v1/subscriptions/" + iccid + "/orders").then().extract().path("[0].periodStart");
        assertThat(Instant.parse(periodStart)).isAfterOrEqualTo(before.minusSeconds(1)).isBefore(before.plusSeconds(60));
    }

    @Test
    void badAutoRenewalSettingsAndMalformedAlertsAreRefused() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        given().contentType(ContentType.JSON).body("{\"enabled\":true,\"paymentMethod\":\"BANK_TRANSFER\"}")
                .put("/api/v1/subscriptions/" + iccid + "/auto-renewal").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"enabled\":true}")
                .put("/api/v1/subscriptions/" + iccid + "/auto-renewal").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/subscriptions/" + iccid + "/auto-renewal").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/v1/subscriptions/1234/auto-renewal").then().statusCode(400);
        given().get("/api/v1/subscriptions/" + iccid).then().body("autoRenew", equalTo(false));

        publisher.publishRaw(Topics.USAGE_ALERTS, iccid, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.USAGE_ALERTS_REJECTED,
                r -> iccid.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
    }
}
