package nc.esim.billing.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nc.esim.billing.payments.CallbackSignature;
import nc.esim.contracts.Identifiers;

/**
 * What the billing tests do through the API and read back from the database, for eSIMs numbered in a
 * range of their own ({@code series}, two digits) so that test classes never share one.
 */
public final class BillingApi {
    /** The callback secret of the test profile (application.properties). */
    public static final String CALLBACK_SECRET = "test-payment-callback-secret";

    private final String series;
    private final AtomicInteger next = new AtomicInteger();

    public BillingApi(int series) {
        this.series = String.format("%02d", series);
    }

    /** Sells {@code planCode} to a new eSIM and returns its ICCID. */
    public String sell(String planCode) {
        int n = next.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("89687" + series + String.format("%011d", n));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687%s%04d","planCode":"%s","language":"en"}""".formatted(iccid, series, n, planCode))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    public static Response order(String iccid, String path, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/v1/subscriptions/" + iccid + "/" + path);
    }

    public static Instant validUntil(String iccid) {
        return Instant.parse(given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().path("validUntil"));
    }

    public static String status(String iccid) {
        return given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().path("status");
    }

    /** Sends a payment confirmation signed with {@code secret}. */
    public static Response confirm(String body, String secret) {
        return given().contentType(ContentType.JSON)
                .header(CallbackSignature.HEADER, CallbackSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/payments/confirmations");
    }

    public static String confirmation(String orderNumber, String method, String currency, long amountMinor, String reference) {
        return """
                {"orderNumber":"%s","paymentMethod":"%s","currency":"%s","amountMinor":%d,"paymentReference":"%s"}"""
                .formatted(orderNumber, method, currency, amountMinor, reference);
    }

    /** The subscription events written for this ICCID, in order (the outbox is what the relay publishes). */
    @SuppressWarnings("unchecked")
    public static List<String> events(EntityManager entityManager, String iccid) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select event_type from outbox_event where event_key = ?1 order by id")
                .setParameter(1, iccid).getResultList().stream().map(t -> t.toString()
                        .replace("nc.esim.subscription.", "").replace(".v1", "")).toList());
    }

    /** Runs SQL (an UPDATE moving a date, say) in its own transaction. */
    public static void sql(EntityManager entityManager, String sql, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }

    /** Reads one number with SQL, in its own transaction. */
    public static long number(EntityManager entityManager, String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /**
     * The first period bought ahead of {@code iccid}'s begins: every period of the subscription, and its
     * validity, move back until that period started a minute ago, as if the days had passed.
     */
    public static void nextPeriodBegins(EntityManager entityManager, String iccid) {
        long seconds = number(entityManager, """
                select coalesce(extract(epoch from min(o.period_start) - now())::bigint + 60, 0) from customer_order o
                join subscription s on s.id = o.subscription_id where s.iccid = ?1 and o.period_start > now()""", iccid);
        sql(entityManager, """
                update customer_order set period_start = period_start - interval '1 second' * ?2,
                    period_end = period_end - interval '1 second' * ?2
                where subscription_id = (select id from subscription where iccid = ?1)""", iccid, seconds);
        sql(entityManager, "update subscription set valid_until = valid_until - interval '1 second' * ?2 where iccid = ?1",
                iccid, seconds);
    }
}
