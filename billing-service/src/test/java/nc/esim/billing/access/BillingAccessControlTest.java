package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.auth.BadTokens;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The role matrix of billing-service (docs/access-control.md), one test per cell: the role allowed gets
 * its 2xx, every other role 403; and tokens that must not pass: none, another key's, expired, another
 * audience or issuer, {@code alg: none}.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BillingAccessControlTest {
    private static final String PS = "partner-shop";
    private static final String SD = "support-desk";
    private static final String OP = "operator";
    private static final String AN = "analyst";
    private static final String CU = "customer";
    private static final List<String> ROLES = List.of(PS, SD, OP, AN, CU);
    /** The account of the customer cells: the eSIM they act on is bound to it. */
    private static final String CUSTOMER_ACCOUNT = "acl-customer-" + UUID.randomUUID();
    private static final AtomicInteger FRESH = new AtomicInteger();

    private static String bearer(String role) {
        return CU.equals(role) ? LocalAuth.customer(CUSTOMER_ACCOUNT, "APP")
                : LocalAuth.bearer("acl-" + role, Set.of(role), PS.equals(role) ? "SHOP-ACL" : null);
    }

    /** The channel an order names: a customer's is its token's, a shop's and the desk's the shop counter. */
    private static String channel(String role) {
        return CU.equals(role) ? "APP" : "PARTNER_SHOP";
    }

    /** A subscription sold now, bound to nobody. */
    private static String soldNow() {
        String iccid = freshIccid();
        as(PS).body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\"}".formatted(iccid, freshMsisdn()))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    /** Binds a line sold now to the customer cells' account, with the code its SMS would carry; returns its ICCID. */
    private static String boundToTheCustomer() {
        String iccid = freshIccid();
        String msisdn = freshMsisdn();
        as(PS).body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-7D-10GB\"}".formatted(iccid, msisdn))
                .post("/api/v1/subscriptions").then().statusCode(201);
        String challenge = as(CU).body("{\"msisdn\":\"" + msisdn + "\"}").post("/api/v1/me/bindings")
                .then().statusCode(202).extract().path("challengeId");
        as(CU).body("{\"challengeId\":\"" + challenge + "\",\"code\":\"" + codeOf(challenge) + "\"}")
                .post("/api/v1/me/bindings/confirm").then().statusCode(201);
        return iccid;
    }

    private static String codeOf(String challenge) {
        var records = nc.esim.infra.kafka.TopicReader.read(RealInfrastructure.broker().asAdmin(),
                nc.esim.contracts.Topics.BINDING_CODE, r -> new String(r.value()).contains(challenge), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        try {
            return nc.esim.contracts.EventJson.read(records.get(0).value(), nc.esim.contracts.customer.BindingCodeV1.class).code();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", bearer(role)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** One endpoint: how to call it as a role, what an allowed role gets, who is allowed. */
    private record Cell(String name, Function<String, Response> call, int allowedStatus, Set<String> allowed) {
    }

    private static String freshMsisdn() {
        return "+687" + (168_000 + FRESH.incrementAndGet());
    }

    private static String freshIccid() {
        return Identifiers.withLuhnDigit("8968716" + String.format("%011d", 500_000 + FRESH.incrementAndGet()));
    }

    /** A subscription the cells act on, sold on first use (the matrix is built before the application runs). */
    private record Sold(String iccid, String msisdn, String order) {
        private static Sold sold;

        static synchronized Sold get() {
            if (sold == null) {
                String iccid = freshIccid();
                as(PS).body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-7D-10GB\"}"
                        .formatted(iccid, freshMsisdn())).post("/api/v1/subscriptions").then().statusCode(201);
                String msisdn = given().get("/api/v1/subscriptions/" + iccid).then().extract().path("msisdn");
                sold = new Sold(iccid, msisdn,
                        given().get("/api/v1/subscriptions/" + iccid + "/orders").then().extract().path("[0].orderNumber"));
                // the customer cells act on the same eSIM, bound to their account with its SMS code
                String challenge = as(CU).body("{\"msisdn\":\"" + msisdn + "\"}").post("/api/v1/me/bindings")
                        .then().statusCode(202).extract().path("challengeId");
                as(CU).body("{\"challengeId\":\"" + challenge + "\",\"code\":\"" + codeOf(challenge) + "\"}")
                        .post("/api/v1/me/bindings/confirm").then().statusCode(201);
            }
            return sold;
        }
    }

    private static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        Set<String> all = Set.copyOf(ROLES);
        cells.add(new Cell("list plans", r -> as(r).get("/api/v1/plans"), 200, all));
        cells.add(new Cell("read a plan", r -> as(r).get("/api/v1/plans/TRAVEL-3D-3GB"), 200, all));
        cells.add(new Cell("add a plan", r -> as(r).body("""
                {"name":"ACL","dataBytes":1,"validityDays":1,"priceMinor":1}""").put("/api/v1/plans/ACL-PLAN-" + FRESH.incrementAndGet()),
                201, Set.of(OP)));
        cells.add(new Cell("retire a plan", r -> {
            String code = "ACL-RETIRE-" + FRESH.incrementAndGet();
            as(OP).body("{\"name\":\"ACL\",\"dataBytes\":1,\"validityDays\":1,\"priceMinor\":1}").put("/api/v1/plans/" + code)
                    .then().statusCode(201);
            return as(r).delete("/api/v1/plans/" + code);
        }, 200, Set.of(OP)));
        cells.add(new Cell("list add-ons", r -> as(r).get("/api/v1/add-ons"), 200, all));
        cells.add(new Cell("add an add-on", r -> as(r).body("""
                {"name":"ACL","kind":"DATA_PACK","dataBytes":1,"priceMinor":1}""").put("/api/v1/add-ons/ACL-PACK-" + FRESH.incrementAndGet()),
                201, Set.of(OP)));
        cells.add(new Cell("list promotions", r -> as(r).get("/api/v1/promotions"), 200, Set.of(OP, SD)));
        cells.add(new Cell("add a promotion", r -> as(r).body("""
                {"name":"ACL","kind":"FIRST_TOP_UP_BONUS","bonusDataBytes":1,
                 "validFrom":"2020-01-01T00:00:00Z","validUntil":"2020-02-01T00:00:00Z"}""")
                .put("/api/v1/promotions/ACL-PROMO-" + FRESH.incrementAndGet()), 201, Set.of(OP)));
        cells.add(new Cell("list exchange rates", r -> as(r).get("/api/v1/exchange-rates"), 200, all));
        cells.add(new Cell("set an exchange rate", r -> as(r).body("{\"xpfPerUnit\":76.5,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/AUD"), 200, Set.of(OP)));
        cells.add(new Cell("sell a plan", r -> as(r).body("""
                {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB"}""".formatted(freshIccid(), freshMsisdn()))
                .post("/api/v1/subscriptions"), 201, Set.of(PS)));
        cells.add(new Cell("read a subscription", r -> as(r).get("/api/v1/subscriptions/" + Sold.get().iccid()), 200, Set.of(PS, SD, CU)));
        cells.add(new Cell("find by MSISDN", r -> as(r).queryParam("msisdn", Sold.get().msisdn()).get("/api/v1/subscriptions"), 200, Set.of(PS, SD)));
        cells.add(new Cell("find by order number", r -> as(r).queryParam("orderNumber", Sold.get().order()).get("/api/v1/subscriptions"), 200, Set.of(SD)));
        cells.add(new Cell("read the bill history", r -> as(r).get("/api/v1/subscriptions/" + Sold.get().iccid() + "/orders"), 200, Set.of(PS, SD, CU)));
        cells.add(new Cell("read the plan advice", r -> as(r).get("/api/v1/subscriptions/" + Sold.get().iccid() + "/plan-advice"),
                200, Set.of(PS, SD, CU)));
        // each role renews an eSIM of its own: periods may be bought only so far ahead
        cells.add(new Cell("renew", r -> as(r).body("{\"channel\":\"" + channel(r) + "\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + (CU.equals(r) ? Sold.get().iccid() : soldNow()) + "/renewals"), 201, Set.of(PS, SD, CU)));
        cells.add(new Cell("top up", r -> as(r).body("{\"addOnCode\":\"DATA-1GB\",\"channel\":\"" + channel(r) + "\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + Sold.get().iccid() + "/top-ups"), 201, Set.of(PS, CU)));
        cells.add(new Cell("extend", r -> as(r).body("{\"addOnCode\":\"EXTEND-7D\",\"channel\":\"" + channel(r) + "\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + Sold.get().iccid() + "/extensions"), 201, Set.of(PS, CU)));
        cells.add(new Cell("set auto-renewal", r -> as(r).body("{\"enabled\":false}")
                .put("/api/v1/subscriptions/" + Sold.get().iccid() + "/auto-renewal"), 200, Set.of(PS, SD, CU)));
        cells.add(new Cell("record counter-party consent", r -> as(r).body("{\"granted\":true}")
                .put("/api/v1/subscriptions/" + Sold.get().iccid() + "/counter-party-consent"), 200, Set.of(PS, SD)));
        cells.add(new Cell("read the audit log", r -> as(r).get("/api/v1/audit-log"), 200, Set.of(OP)));
        cells.add(new Cell("list my eSIMs", r -> as(r).get("/api/v1/me/esims"), 200, Set.of(CU)));
        cells.add(new Cell("ask for a binding code", r -> as(r).body("{\"msisdn\":\"" + freshMsisdn() + "\"}")
                .post("/api/v1/me/bindings"), 202, Set.of(CU)));
        cells.add(new Cell("confirm a binding", r -> {
            if (!CU.equals(r)) {
                return as(r).body("{\"challengeId\":\"" + UUID.randomUUID() + "\",\"code\":\"123456\"}")
                        .post("/api/v1/me/bindings/confirm");
            }
            String iccid = freshIccid();
            String msisdn = freshMsisdn();
            as(PS).body("{\"iccid\":\"%s\",\"msisdn\":\"%s\",\"planCode\":\"TRAVEL-3D-3GB\"}".formatted(iccid, msisdn))
                    .post("/api/v1/subscriptions").then().statusCode(201);
            String challenge = as(CU).body("{\"msisdn\":\"" + msisdn + "\"}").post("/api/v1/me/bindings")
                    .then().statusCode(202).extract().path("challengeId");
            return as(CU).body("{\"challengeId\":\"" + challenge + "\",\"code\":\"" + codeOf(challenge) + "\"}")
                    .post("/api/v1/me/bindings/confirm");
        }, 201, Set.of(CU)));
        cells.add(new Cell("unbind an eSIM", r -> as(r).delete("/api/v1/me/esims/" + (CU.equals(r) ? boundToTheCustomer() : Sold.get().iccid())),
                204, Set.of(CU)));
        return cells;
    }

    static Stream<Arguments> matrix() {
        return cells().stream().flatMap(cell -> ROLES.stream().map(role -> Arguments.of(cell.name(), role, cell)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatTheMatrixAllows(String endpoint, String role, Cell cell) {
        int expected = cell.allowed().contains(role) ? cell.allowedStatus() : 403;
        assertThat(cell.call().apply(role).then().extract().statusCode()).as(endpoint + " as " + role).isEqualTo(expected);
    }

    private static Response withToken(String token) {
        return given().noFilters().header("Authorization", "Bearer " + token).get("/api/v1/plans");
    }

    @Test
    void withoutATokenEveryApiAnswers401AsAProblem() {
        given().noFilters().get("/api/v1/plans").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:unauthorized")).header("WWW-Authenticate", "Bearer");
        given().noFilters().get("/api/v1/subscriptions/" + freshIccid()).then().statusCode(401);
        given().noFilters().contentType(ContentType.JSON).body("{}").post("/api/v1/subscriptions").then().statusCode(401);
    }

    @Test
    void aGoodTokenPasses() {
        withToken(LocalAuth.tokens().token("ok", Set.of(OP), null, Duration.ofMinutes(5))).then().statusCode(200);
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.carrying(OP).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "a token {0} is refused")
    @MethodSource("badTokens")
    void tokensThatMustNotPassAreRefusedWith401(String what, String token) {
        withToken(token).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void paymentProvidersNeedNoTokenButTheirSignature() {
        given().noFilters().contentType(ContentType.JSON).body("{}").post("/api/v1/payments/confirmations")
                .then().statusCode(401).body("type", equalTo("urn:esim:problem:invalid-signature"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().noFilters().get("/q/health/ready").then().statusCode(200);
        given().noFilters().get("/q/metrics").then().statusCode(200);
        given().noFilters().get("/q/openapi").then().statusCode(200);
    }
}
