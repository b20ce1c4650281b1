package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.mail.LocalSmtp;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.Subscribers;

/**
 * What customers and partner shops go through, end to end on the packaged services, the real broker,
 * database, SMTP server and SMS centre, through the public APIs only: each call with the token of who
 * makes it (the shop, the support desk), CDRs as the carrier sends them, payments as the provider
 * confirms them.
 */
class CustomerJourneysIT {
    private static final int FIRST = 6_000;
    private static final String SHOP = LocalAuth.bearer("journey-shop", Set.of("partner-shop"), "SHOP-JOURNEYS");
    private static final String SUPPORT_DESK = LocalAuth.bearer("journey-desk", Set.of("support-desk"), null);
    private static final long PLAN_BYTES = 3L * 1024 * 1024 * 1024; // TRAVEL-3D-3GB

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("journeys", workDir);
        platform = e2e.platform;
    }

    @AfterAll
    static void stopPlatform() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private static String billing(String path) {
        return platform.service("billing-service").url(path);
    }

    private static String usage(String path) {
        return platform.service("usage-service").url(path);
    }

    /** The shop sells TRAVEL-3D-3GB to eSIM {@code n} with an email and a language; returns its ICCID once usage-service has the allowance. */
    private static String sold(int n, String email, String language) {
        String iccid = Subscribers.iccid(n);
        given().header("Authorization", SHOP).contentType(ContentType.JSON).body("""
                        {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","email":"%s","language":"%s"}"""
                        .formatted(iccid, Subscribers.msisdn(n), email, language))
                .post(billing("/api/v1/subscriptions")).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).body("allowances", hasSize(1)));
        return iccid;
    }

    /** One data session of the carrier for eSIM {@code n}: {@code bytes} downloaded, one record. */
    private static void dataSession(EventPublisher carrier, int n, long chargingId, long bytes) {
        String iccid = Subscribers.iccid(n);
        CdrV1 cdr = new CdrV1(CdrV1.SCHEMA_VERSION, "pgw-journeys", chargingId, 1, iccid, Subscribers.msisdn(n),
                UsageType.DATA, Instant.now(), 0, bytes, 600, null, true);
        carrier.publishRaw(Topics.CDR, iccid, EventJson.write(cdr));
    }

    private static List<String> emailsTo(String address) {
        return platform.smtp().received().stream().map(LocalSmtp::summary).filter(s -> s.startsWith(address + " ")).toList();
    }

    @Test
    void aSoldPlansUsageBringsTheEightyPercentSmsInTheCustomersLanguageAndAtAHundredAnAutoRenewalAndItsReceipt() {
        int n = FIRST + 1;
        String email = "journey1@example.com";
        String iccid = sold(n, email, "en");
        given().header("Authorization", SHOP).contentType(ContentType.JSON)
                .body("{\"enabled\":true,\"paymentMethod\":\"CARD\"}")
                .put(billing("/api/v1/subscriptions/" + iccid + "/auto-renewal")).then().statusCode(200);

        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            dataSession(carrier, n, 81_001, PLAN_BYTES * 85 / 100);
        }
        String line = Subscribers.msisdn(n).substring(1); // the SMS centre sees the number without its +
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(platform.smsc().messages())
                .anySatisfy(sms -> {
                    assertThat(sms.destination()).isEqualTo(line);
                    assertThat(sms.text()).startsWith("You have used 80% of your data");
                }));

        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            dataSession(carrier, n, 81_002, PLAN_BYTES * 20 / 100);
        }
        // out of data with auto-renewal on: billing places a renewal, which the payment provider charges and confirms
        JsonPath renewal = await().atMost(Duration.ofSeconds(60)).until(() -> given().header("Authorization", SHOP)
                .get(billing("/api/v1/subscriptions/" + iccid + "/orders")).then().statusCode(200).extract().jsonPath(),
                orders -> orders.getList("findAll { it.kind == 'RENEWAL' }").size() == 1);
        String order = renewal.getString("find { it.kind == 'RENEWAL' }.orderNumber");
        assertThat(renewal.getString("find { it.kind == 'RENEWAL' }.status")).isEqualTo("AWAITING_PAYMENT");
        long amount = renewal.getLong("find { it.kind == 'RENEWAL' }.amountMinor");
        confirmPayment(order, "CARD", amount, "psp-journey-1");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(emailsTo(email))
                .contains(email + " — Your TRAVEL-3D-3GB plan is renewed"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).body("allowances", hasSize(2)));
        given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + iccid)).then()
                .body("status", equalTo("ACTIVE"));
    }

    /** What the payment provider does once it has charged an order: a confirmation signed with the shared secret. */
    private static void confirmPayment(String order, String method, long amount, String reference) {
        String body = """
                {"orderNumber":"%s","paymentMethod":"%s","currency":"XPF","amountMinor":%d,"paymentReference":"%s"}"""
                .formatted(order, method, amount, reference);
        given().noFilters().contentType(ContentType.JSON).header("Payment-Signature", signature(body)).body(body)
                .post(billing("/api/v1/payments/confirmations")).then().statusCode(200);
    }

    private static String signature(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Platform.PAYMENT_CALLBACK_SECRET.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aShopsRenewalRetriedWithItsKeyAfterATimeoutIsChargedOnceReceiptedOnceAndExtendsTheAllowanceOnce() throws Exception {
        int n = FIRST + 2;
        String email = "journey2@example.com";
        String iccid = sold(n, email, "fr");
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}";

        // the shop's first attempt reaches billing, and the shop gives up before the answer (its timeout)
        sendAndHangUp(billing("/api/v1/subscriptions/" + iccid + "/renewals"), key, body);
        JsonPath orders = await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", SHOP)
                .get(billing("/api/v1/subscriptions/" + iccid + "/orders")).then().statusCode(200).extract().jsonPath(),
                o -> o.getList("findAll { it.kind == 'RENEWAL' }").size() == 1);
        String first = orders.getString("find { it.kind == 'RENEWAL' }.orderNumber");

        // the retry, with the same key, is answered with the same order
        String retried = given().header("Authorization", SHOP).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post(billing("/api/v1/subscriptions/" + iccid + "/renewals"))
                .then().statusCode(201).extract().path("orderNumber");
        assertThat(retried).isEqualTo(first);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(emailsTo(email))
                .contains(email + " — Votre forfait TRAVEL-3D-3GB est renouvelé"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SHOP)
                .get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200).body("allowances", hasSize(2)));
        // settle: whatever a second charge would have produced has had time to arrive
        Thread.sleep(3_000);
        given().header("Authorization", SHOP).get(billing("/api/v1/subscriptions/" + iccid + "/orders")).then()
                .body("findAll { it.kind == 'RENEWAL' }", hasSize(1));
        assertThat(emailsTo(email)).filteredOn(s -> s.contains("renouvelé")).hasSize(1);
        given().header("Authorization", SUPPORT_DESK).queryParam("iccid", iccid)
                .get(platform.service("notification-service").url("/api/v1/notifications")).then().statusCode(200)
                .body("findAll { it.template == 'subscription-renewed' }", hasSize(2)); // one email, one SMS
        given().header("Authorization", SHOP).get(usage("/api/v1/usage/" + iccid + "/summary")).then()
                .body("allowances", hasSize(2));
    }

    /**
     * Sends the whole request on a connection of its own and closes it without reading the answer, as a
     * client whose timeout fired does; returns once the request is written.
     */
    private static void sendAndHangUp(String url, String key, String body) throws Exception {
        URI uri = URI.create(url);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: " + SHOP + "\r\nIdempotency-Key: " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            Thread.sleep(200); // the client's timeout, shorter than the answer under load
        }
    }

    /** The six digits of the code SMS the line of eSIM {@code n} received (the SMS centre's copy), once it is there. */
    private static String codeSmsTo(int n) {
        String line = Subscribers.msisdn(n).substring(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.smsc().messages().stream()
                .anyMatch(sms -> sms.destination().equals(line) && sms.text().startsWith("Your eSIM code: ")));
        String text = platform.smsc().messages().stream()
                .filter(sms -> sms.destination().equals(line) && sms.text().startsWith("Your eSIM code: ")).reduce((a, b) -> b)
                .orElseThrow().text();
        assertThat(text).contains("our staff will never ask you for it");
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertThat(digits.find()).as(text).isTrue();
        return digits.group(1);
    }

    /** A customer of the app binds the line of eSIM {@code n} with the code its SMS brought. */
    private static void bind(String customer, int n) {
        String challenge = given().header("Authorization", customer).contentType(ContentType.JSON)
                .body("{\"msisdn\":\"" + Subscribers.msisdn(n) + "\",\"nickname\":\"my phone\"}")
                .post(billing("/api/v1/me/bindings")).then().statusCode(202).extract().path("challengeId");
        given().header("Authorization", customer).contentType(ContentType.JSON)
                .body("{\"challengeId\":\"" + challenge + "\",\"code\":\"" + codeSmsTo(n) + "\"}")
                .post(billing("/api/v1/me/bindings/confirm")).then().statusCode(201);
    }

    @Test
    void theAppsJourneyBindsWithTheSmsCodeShowsWhatIsLeftRenewsOnceOnARetryReadsTheBillsAndNotAnotherCustomersEsim() {
        int n = FIRST + 40;
        int other = FIRST + 41;
        String iccid = sold(n, "app40@example.com", "en");
        String otherIccid = sold(other, "app41@example.com", "en");
        String customer = LocalAuth.customer("app-customer-" + UUID.randomUUID(), "APP");
        String stranger = LocalAuth.customer("app-customer-" + UUID.randomUUID(), "WEB");

        // 1. signed in, the customer binds the line with the code the SMS brought
        bind(customer, n);
        bind(stranger, other);

        // 2. the home screen: status, what is left (from usage-service, once it told billing), validity, renew price
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", customer)
                .get(billing("/api/v1/me/esims")).then().statusCode(200).body("", hasSize(1))
                .body("[0].iccid", equalTo(iccid)).body("[0].status", equalTo("ACTIVE"))
                .body("[0].left.dataBytes", equalTo(PLAN_BYTES)).body("[0].renewal.planCode", equalTo("TRAVEL-3D-3GB")));
        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            dataSession(carrier, n, 40_001, 1L << 30);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", customer)
                .get(billing("/api/v1/me/esims")).then().body("[0].left.dataBytes", equalTo(PLAN_BYTES - (1L << 30)))
                .body("[0].left.data", equalTo("2.0 GB")));
        given().header("Authorization", customer).get(usage("/api/v1/usage/" + iccid + "/summary")).then().statusCode(200);

        // 3. renew, and the app retries after a timeout with the same key: one order
        String key = UUID.randomUUID().toString();
        String renewal = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";
        String first = given().header("Authorization", customer).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(renewal).post(billing("/api/v1/subscriptions/" + iccid + "/renewals")).then().statusCode(201)
                .extract().path("orderNumber");
        String retried = given().header("Authorization", customer).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(renewal).post(billing("/api/v1/subscriptions/" + iccid + "/renewals")).then().statusCode(201)
                .extract().path("orderNumber");
        assertThat(retried).isEqualTo(first);

        // 4. the bill history: the sale and the one renewal, made in the app
        JsonPath bills = given().header("Authorization", customer).get(billing("/api/v1/subscriptions/" + iccid + "/orders"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(bills.getList("findAll { it.kind == 'RENEWAL' }.orderNumber")).containsExactly(first);
        assertThat(bills.getString("find { it.kind == 'RENEWAL' }.channel")).isEqualTo("APP");

        // 5. another customer's eSIM is not there for it, in any service, and looks like one that does not exist
        given().header("Authorization", customer).get(billing("/api/v1/subscriptions/" + otherIccid)).then().statusCode(404);
        given().header("Authorization", customer).get(usage("/api/v1/usage/" + otherIccid + "/summary")).then().statusCode(404)
                .body("type", equalTo("urn:esim:problem:unknown-iccid"));
        given().header("Authorization", customer).queryParam("iccid", otherIccid)
                .get(platform.service("notification-service").url("/api/v1/notifications")).then().statusCode(404);
        given().header("Authorization", stranger).get(billing("/api/v1/me/esims")).then().body("", hasSize(1))
                .body("[0].iccid", equalTo(otherIccid));
    }
}
