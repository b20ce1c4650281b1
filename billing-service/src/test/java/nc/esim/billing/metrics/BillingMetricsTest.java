package nc.esim.billing.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.billing.support.BillingApi;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Sales, revenue, replays and payment callbacks as operators see them on /q/metrics. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BillingMetricsTest {
    private static final BillingApi API = new BillingApi(16);

    /** The value of the sample of {@code name} whose labels include all of {@code labels} (k="v"), 0 when none. */
    private static double sample(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double renewalsByCardInApp() {
        return sample("esim_billing_orders_paid_total", "kind=\"RENEWAL\"", "channel=\"APP\"", "payment_method=\"CARD\"");
    }

    private static double revenueOfRenewalsByCardInApp() {
        return sample("esim_billing_revenue_xpf_total", "kind=\"RENEWAL\"", "channel=\"APP\"", "payment_method=\"CARD\"");
    }

    @Test
    void aPaidRenewalCountsOnceWithItsRevenueAndItsRetryCountsAsAReplay() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        double renewals = renewalsByCardInApp();
        double revenue = revenueOfRenewalsByCardInApp();
        double replays = sample("esim_billing_idempotent_replays_total", "operation=\"renewal\"");
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/subscriptions/" + iccid + "/renewals").then().statusCode(201);
        }
        assertThat(renewalsByCardInApp() - renewals).isEqualTo(1);
        assertThat(revenueOfRenewalsByCardInApp() - revenue).isEqualTo(1500);
        assertThat(sample("esim_billing_idempotent_replays_total", "operation=\"renewal\"") - replays).isEqualTo(1);
        // no ICCID in any billing metric
        assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain(iccid);
    }

    @Test
    void anOrderAwaitingPaymentIsGaugedAndCountsAsRevenueOnlyOnceItsConfirmationArrives() {
        String iccid = API.sell("TRAVEL-3D-3GB");
        double awaiting = sample("esim_billing_orders_awaiting_payment");
        double confirmed = sample("esim_billing_payment_callbacks_total", "outcome=\"CONFIRMED\"");
        double alipay = sample("esim_billing_orders_paid_total", "kind=\"RENEWAL\"", "payment_method=\"ALIPAY\"");
        String order = BillingApi.order(iccid, "renewals", "{\"channel\":\"ALIPAY\",\"paymentMethod\":\"ALIPAY\"}")
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT")).extract().path("orderNumber");
        assertThat(sample("esim_billing_orders_awaiting_payment") - awaiting).isEqualTo(1);
        assertThat(sample("esim_billing_orders_paid_total", "kind=\"RENEWAL\"", "payment_method=\"ALIPAY\"")).isEqualTo(alipay);

        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "ali-metrics-1"), BillingApi.CALLBACK_SECRET)
                .then().statusCode(200);
        assertThat(sample("esim_billing_orders_awaiting_payment") - awaiting).isZero();
        assertThat(sample("esim_billing_payment_callbacks_total", "outcome=\"CONFIRMED\"") - confirmed).isEqualTo(1);
        assertThat(sample("esim_billing_orders_paid_total", "kind=\"RENEWAL\"", "payment_method=\"ALIPAY\"") - alipay)
                .isEqualTo(1);

        double badSignatures = sample("esim_billing_payment_callbacks_total", "outcome=\"INVALID_SIGNATURE\"");
        BillingApi.confirm(BillingApi.confirmation(order, "ALIPAY", "XPF", 1500, "ali-metrics-1"), "not-the-secret")
                .then().statusCode(401);
        assertThat(sample("esim_billing_payment_callbacks_total", "outcome=\"INVALID_SIGNATURE\"") - badSignatures)
                .isEqualTo(1);
    }
}
