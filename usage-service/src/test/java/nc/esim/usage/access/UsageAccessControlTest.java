package nc.esim.usage.access;

import static io.restassured.RestAssured.given;
import static nc.esim.usage.records.UsageTestSupport.awaitCdrs;
import static nc.esim.usage.records.UsageTestSupport.awaitSubscriptions;
import static nc.esim.usage.records.UsageTestSupport.call;
import static nc.esim.usage.records.UsageTestSupport.grant;
import static nc.esim.usage.records.UsageTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Zones;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.infra.auth.BadTokens;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/**
 * The role matrix of usage-service (docs/access-control.md): every endpoint × role, a partner shop
 * reading only the itemised records of what it sold, counter-party numbers in full only for that shop
 * or for the support desk with the customer's consent, analysts' aggregates without personal data, and
 * the tokens that must not pass.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class UsageAccessControlTest {
    private static final String PS = "partner-shop";
    private static final String SD = "support-desk";
    private static final String OP = "operator";
    private static final String AN = "analyst";
    private static final String CU = "customer";
    private static final List<String> ROLES = List.of(PS, SD, OP, AN, CU);
    /** The customer account NO_CONSENT is bound to. */
    private static final String CUSTOMER = "acl-customer";
    /** Sold by SHOP-ANSE-VATA, no consent; sold by SHOP-ANSE-VATA, consent; CDRs but never sold. */
    private static final int NO_CONSENT = 870;
    private static final int CONSENT = 871;
    private static final int UNSOLD = 872;
    private static final String SHOP = "SHOP-ANSE-VATA";
    private static final String CALLED = "+687771234";
    private static final Instant CALL_TIME = LocalDate.now(Zones.NOUMEA).minusDays(1).atStartOfDay(Zones.NOUMEA)
            .toInstant().plus(Duration.ofHours(10));
    private static final EventPublisher events = RealInfrastructure.events();

    @BeforeAll
    static void twoSoldSubscriptionsAndAnUnsoldEsimMadeCalls() {
        Instant from = CALL_TIME.minus(Duration.ofDays(3));
        Instant until = CALL_TIME.plus(Duration.ofDays(20));
        grant(events, NO_CONSENT, "ALW-870", 1L << 30, from, until, SHOP, false);
        grant(events, CONSENT, "ALW-871", 1L << 30, from, until, SHOP, true);
        awaitSubscriptions();
        publish(events, call(NO_CONSENT, 87_001, CALL_TIME, 60, CALLED), call(CONSENT, 87_101, CALL_TIME, 60, CALLED),
                call(UNSOLD, 87_201, CALL_TIME, 60, CALLED));
        awaitCdrs();
        bind(CUSTOMER, NO_CONSENT, 1);
    }

    /** billing-service's word that the eSIM is bound to {@code account}, at {@code revision}. */
    static void bind(String account, int esim, long revision) {
        String iccid = Subscribers.iccid(esim);
        events.publish(nc.esim.contracts.Topics.CUSTOMER_BINDING, nc.esim.contracts.EventMetadata.newEvent(
                        CustomerBindingV1.Type.BOUND.cloudEventType(), "/billing-service", iccid, Instant.now()),
                new CustomerBindingV1(1, CustomerBindingV1.Type.BOUND, account, iccid, revision, Instant.now()));
        awaitBindings();
    }

    static void awaitBindings() {
        nc.esim.infra.kafka.ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), "usage-service.customer-bindings",
                nc.esim.contracts.Topics.CUSTOMER_BINDING, Duration.ofSeconds(60));
    }

    private static RequestSpecification as(String role) {
        return CU.equals(role) ? given().header("Authorization", LocalAuth.customer(CUSTOMER, "APP"))
                : given().header("Authorization", LocalAuth.bearer("acl-" + role, Set.of(role), PS.equals(role) ? SHOP : null));
    }

    private static RequestSpecification asShop(String shop) {
        return given().header("Authorization", LocalAuth.bearer("clerk@" + shop, Set.of(PS), shop));
    }

    private static String records(int esim) {
        return "/api/v1/usage/" + Subscribers.iccid(esim) + "/records";
    }

    private record Cell(String name, java.util.function.Function<RequestSpecification, Response> call, Set<String> allowed) {
    }

    private static List<Cell> cells() {
        String iccid = Subscribers.iccid(NO_CONSENT);
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell("usage summary by ICCID", r -> r.get("/api/v1/usage/" + iccid + "/summary"), Set.of(PS, SD, CU)));
        cells.add(new Cell("usage summary by MSISDN", r -> r.get("/api/v1/usage/msisdn/" + Subscribers.msisdn(NO_CONSENT)
                + "/summary"), Set.of(PS, SD)));
        cells.add(new Cell("daily usage", r -> r.get("/api/v1/usage/" + iccid + "/daily"), Set.of(PS, SD, CU)));
        cells.add(new Cell("itemised records", r -> r.get(records(NO_CONSENT)), Set.of(PS, SD, CU)));
        cells.add(new Cell("itemised records as CSV", r -> r.accept("text/csv").get(records(NO_CONSENT)), Set.of(PS, SD, CU)));
        cells.add(new Cell("network daily aggregates", r -> r.get("/api/v1/usage/aggregates/daily"), Set.of(AN, OP)));
        cells.add(new Cell("network daily aggregates as CSV", r -> r.accept("text/csv").get("/api/v1/usage/aggregates/daily"),
                Set.of(AN, OP)));
        cells.add(new Cell("audit log", r -> r.get("/api/v1/audit-log"), Set.of(OP)));
        return cells;
    }

    static Stream<Arguments> matrix() {
        return cells().stream().flatMap(cell -> ROLES.stream().map(role -> Arguments.of(cell.name(), role, cell)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatTheMatrixAllows(String endpoint, String role, Cell cell) {
        int expected = cell.allowed().contains(role) ? 200 : 403;
        assertThat(cell.call().apply(as(role)).then().extract().statusCode()).as(endpoint + " as " + role).isEqualTo(expected);
    }

    @Test
    void anotherShopCannotReadTheRecordsOfACustomerItDidNotSellNorLearnWhetherTheIccidExists() {
        for (String path : List.of(records(NO_CONSENT), records(UNSOLD),
                "/api/v1/usage/" + Identifiers.withLuhnDigit("896871999999999999") + "/records")) {
            asShop("SHOP-KOUTIO").get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:esim:problem:not-sold-by-this-shop"));
            asShop("SHOP-KOUTIO").accept("text/csv").get(path).then().statusCode(403);
        }
        // a shop token without a shop id is no shop at all
        given().header("Authorization", LocalAuth.bearer("nameless", Set.of(PS), null)).get(records(NO_CONSENT))
                .then().statusCode(403);
        // summaries stay readable to any shop: it renews and tops up any presented subscription
        asShop("SHOP-KOUTIO").get("/api/v1/usage/" + Subscribers.iccid(NO_CONSENT) + "/summary").then().statusCode(200);
    }

    @Test
    void aCustomerSeesTheCounterPartiesOfItsOwnEsimInFull() {
        as(CU).get(records(NO_CONSENT)).then().statusCode(200).body("records[0].counterParty", equalTo(CALLED));
    }

    @Test
    void aCustomerGuessingIccidsGetsTheSame404ForAnotherCustomersEsimAsForOneThatDoesNotExist() {
        String nonexistent = Identifiers.withLuhnDigit("896871999999999998");
        for (String suffix : List.of("/summary", "/daily", "/records")) {
            Response other = as(CU).get("/api/v1/usage/" + Subscribers.iccid(CONSENT) + suffix);
            Response unsold = as(CU).get("/api/v1/usage/" + Subscribers.iccid(UNSOLD) + suffix);
            Response none = as(CU).get("/api/v1/usage/" + nonexistent + suffix);
            assertThat(other.statusCode()).as(suffix).isEqualTo(404);
            assertThat(other.body().asString()).as(suffix).isEqualTo(none.body().asString()).isEqualTo(unsold.body().asString());
        }
    }

    @Test
    void anOlderBindingEventArrivingLateDoesNotTakeTheEsimFromItsHolder() {
        bind("someone-before", NO_CONSENT, 0);
        as(CU).get("/api/v1/usage/" + Subscribers.iccid(NO_CONSENT) + "/summary").then().statusCode(200);
        given().header("Authorization", LocalAuth.customer("someone-before", "APP"))
                .get("/api/v1/usage/" + Subscribers.iccid(NO_CONSENT) + "/summary").then().statusCode(404);
    }

    @Test
    void theSellingShopSeesCounterPartiesInFull() {
        asShop(SHOP).get(records(NO_CONSENT)).then().statusCode(200).body("records[0].counterParty", equalTo(CALLED));
        assertThat(asShop(SHOP).accept("text/csv").get(records(NO_CONSENT)).then().statusCode(200).extract().asString())
                .contains(CALLED);
    }

    @Test
    void theSupportDeskSeesCounterPartiesMaskedUnlessTheCustomerConsented() {
        as(SD).get(records(NO_CONSENT)).then().statusCode(200).body("records[0].counterParty", equalTo("+687****34"));
        assertThat(as(SD).accept("text/csv").get(records(NO_CONSENT)).then().extract().asString()).doesNotContain(CALLED);
        as(SD).get(records(UNSOLD)).then().statusCode(200).body("records[0].counterParty", equalTo("+687****34"));
        as(SD).get(records(CONSENT)).then().statusCode(200).body("records[0].counterParty", equalTo(CALLED));
    }

    @Test
    void analystsGetTotalsWithoutAnyIccidMsisdnOrCounterParty() {
        LocalDate day = LocalDate.ofInstant(CALL_TIME, Zones.NOUMEA);
        String json = as(AN).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/usage/aggregates/daily").then().statusCode(200).extract().asString();
        String csv = as(AN).accept("text/csv").queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/usage/aggregates/daily").then().statusCode(200).extract().asString();
        for (String body : List.of(json, csv)) {
            for (int esim : new int[] {NO_CONSENT, CONSENT, UNSOLD}) {
                assertThat(body).doesNotContain(Subscribers.iccid(esim)).doesNotContain(Subscribers.msisdn(esim));
            }
            assertThat(body).doesNotContain(CALLED).doesNotContain("771234");
        }
        long voice = given().header("Authorization", LocalAuth.bearer("a", Set.of(AN), null))
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/usage/aggregates/daily").then().extract().jsonPath().getLong("days[0].voiceSeconds");
        assertThat(voice).isGreaterThanOrEqualTo(180);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("date,data_bytes,voice_seconds");
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.carrying(SD).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "a token {0} is refused")
    @MethodSource("badTokens")
    void tokensThatMustNotPassAreRefusedWith401(String what, String token) {
        given().noFilters().header("Authorization", "Bearer " + token).get(records(NO_CONSENT)).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenEveryApiAnswers401ButHealthAndMetricsAreOpen() {
        for (Cell cell : cells()) {
            assertThat(cell.call().apply(given().noFilters()).then().extract().statusCode()).as(cell.name()).isEqualTo(401);
        }
        given().noFilters().get("/q/health/ready").then().statusCode(200);
        given().noFilters().get("/q/metrics").then().statusCode(200);
    }
}
