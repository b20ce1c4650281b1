package nc.esim.billing.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.BindingCodeV1;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * Binding an eSIM to a customer account with a one-time SMS code, on the real database and broker: the
 * code reaches esim.binding-code.v1 and nowhere else in clear, wrong and expired codes, the lock after 5
 * tries, replays, the flood limits per account and per number, and what the customer may do with its
 * own eSIMs, and not with others'.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class CustomerBindingTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Inject
    EntityManager entityManager;

    /** A line sold by a partner shop: its ICCID and MSISDN. */
    private record Line(String iccid, String msisdn) {
    }

    private static Line soldLine() {
        int n = NEXT.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("8968722" + String.format("%011d", 700_000 + n));
        String msisdn = "+687%06d".formatted(720_000 + n);
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"%s","planCode":"TRAVEL-3D-3GB","language":"en"}""".formatted(iccid, msisdn))
                .post("/api/v1/subscriptions").then().statusCode(201);
        return new Line(iccid, msisdn);
    }

    private static String account() {
        return "customer-" + UUID.randomUUID();
    }

    private static RequestSpecification as(String account) {
        return given().header("Authorization", LocalAuth.customer(account, "APP")).contentType(ContentType.JSON);
    }

    private static Response askCode(String account, String msisdn) {
        return as(account).body("{\"msisdn\":\"" + msisdn + "\",\"nickname\":\"Marie's phone\"}").post("/api/v1/me/bindings");
    }

    private static String challenge(String account, String msisdn) {
        return askCode(account, msisdn).then().statusCode(202).extract().path("challengeId");
    }

    private static Response confirm(String account, String challenge, String code) {
        return as(account).body("{\"challengeId\":\"" + challenge + "\",\"code\":\"" + code + "\"}")
                .post("/api/v1/me/bindings/confirm");
    }

    /** The code the SMS carries, read where notification-service reads it. */
    private static BindingCodeV1 codeSentFor(String challenge) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.BINDING_CODE, r -> new String(r.value()).contains(challenge), 1, Duration.ofSeconds(20));
        assertThat(records).as("the code event of challenge " + challenge).hasSize(1);
        try {
            return EventJson.read(records.get(0).value(), BindingCodeV1.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private Line bound(String account) {
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        confirm(account, challenge, codeSentFor(challenge).code()).then().statusCode(201);
        return line;
    }

    @Test
    void theRightCodeBindsTheEsimWhichThenShowsOnMyEsimsAndGoesOutAsBound() throws IOException {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        BindingCodeV1 code = codeSentFor(challenge);
        assertThat(code.code()).matches("\\d{6}");
        assertThat(code.iccid()).isEqualTo(line.iccid());
        assertThat(code.msisdn()).isEqualTo(line.msisdn());
        assertThat(code.language()).isEqualTo("en");

        confirm(account, challenge, code.code()).then().statusCode(201)
                .body("iccid", equalTo(line.iccid())).body("nickname", equalTo("Marie's phone"));

        as(account).get("/api/v1/me/esims").then().statusCode(200).body("", hasSize(1))
                .body("[0].iccid", equalTo(line.iccid())).body("[0].status", equalTo("ACTIVE"))
                .body("[0].planCode", equalTo("TRAVEL-3D-3GB")).body("[0].validUntilLocal", notNullValue())
                .body("[0].renewal.planCode", equalTo("TRAVEL-3D-3GB")).body("[0].renewal.currency", equalTo("XPF"))
                .body("[0].renewal.priceMinor", equalTo(1500)).body("[0].renewal.discountMinor", equalTo(0));
        List<ConsumerRecord<String, byte[]>> bound = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.CUSTOMER_BINDING, r -> line.iccid().equals(r.key()), 1, Duration.ofSeconds(20));
        CustomerBindingV1 event = EventJson.read(bound.get(0).value(), CustomerBindingV1.class);
        assertThat(event.type()).isEqualTo(CustomerBindingV1.Type.BOUND);
        assertThat(event.account()).isEqualTo(account);
    }

    @Test
    void theCodeIsKeptOnlyAsAKeyedHashNeverInClearInTheDatabase() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "select code_hash, cast(row_to_json(c) as text) from binding_challenge c where id = cast(?1 as uuid)")
                .setParameter(1, challenge).getSingleResult());
        assertThat((byte[]) row[0]).hasSize(32);
        assertThat((String) row[1]).doesNotContain(code);
        long outboxRowsWithCode = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox_event where convert_from(payload, 'UTF8') like ?1")
                .setParameter(1, "%\"" + code + "\"%").getSingleResult()).longValue());
        assertThat(outboxRowsWithCode).isZero();
    }

    @Test
    void aWrongCodeIsRefusedAndCountedThenTheRightOneStillBinds() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        confirm(account, challenge, wrong(code)).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:wrong-code")).body("triesLeft", equalTo(4));
        confirm(account, challenge, code).then().statusCode(201);
    }

    @Test
    void fiveWrongCodesLockTheChallengeAndTheRightCodeNoLongerBinds() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        for (int left = 4; left >= 1; left--) {
            confirm(account, challenge, wrong(code)).then().statusCode(422).body("triesLeft", equalTo(left));
        }
        confirm(account, challenge, wrong(code)).then().statusCode(409).body("type", equalTo("urn:esim:problem:challenge-locked"));
        confirm(account, challenge, code).then().statusCode(409).body("type", equalTo("urn:esim:problem:challenge-locked"));
        as(account).get("/api/v1/me/esims").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anExpiredCodeIsRefusedWith410AndBindsNothing() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        // the challenge's ten minutes, passed
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update binding_challenge set expires_at = now() - interval '1 second' where id = cast(?1 as uuid)")
                .setParameter(1, challenge).executeUpdate());
        confirm(account, challenge, code).then().statusCode(410).body("type", equalTo("urn:esim:problem:code-expired"));
        as(account).get("/api/v1/me/esims").then().body("", hasSize(0));
    }

    @Test
    void aReplayedConfirmationIsRefusedAndBindsNothingMore() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        confirm(account, challenge, code).then().statusCode(201);
        confirm(account, challenge, code).then().statusCode(409).body("type", equalTo("urn:esim:problem:challenge-used"));
        long bindingEvents = TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.CUSTOMER_BINDING,
                r -> line.iccid().equals(r.key()), 2, Duration.ofSeconds(3)).size();
        assertThat(bindingEvents).isEqualTo(1);
    }

    @Test
    void anotherAccountCannotConfirmAChallengeItDidNotAskFor() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        confirm(account(), challenge, code).then().statusCode(404).body("type", equalTo("urn:esim:problem:challenge-not-found"));
        confirm(account, challenge, code).then().statusCode(201);
    }

    @Test
    void aNumberWithoutASubscriptionIsAnsweredAlikeButNoCodeIsSentAndNoneMatches() {
        String account = account();
        String unknown = "+687%06d".formatted(799_000 + NEXT.incrementAndGet());
        Response answer = askCode(account, unknown);
        answer.then().statusCode(202).body("challengeId", notNullValue()).body("expiresAt", notNullValue())
                .body("maxTries", equalTo(5));
        String challenge = answer.path("challengeId");
        assertThat(TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.BINDING_CODE,
                r -> new String(r.value()).contains(challenge), 1, Duration.ofSeconds(3))).isEmpty();
        confirm(account, challenge, "000000").then().statusCode(422).body("type", equalTo("urn:esim:problem:wrong-code"));
    }

    @Test
    void aNumberReceivesAtMostThreeCodesAnHourWhoeverAsks() {
        Line line = soldLine();
        for (int i = 0; i < 3; i++) {
            askCode(account(), line.msisdn()).then().statusCode(202);
        }
        askCode(account(), line.msisdn()).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:esim:problem:too-many-codes")).header("Retry-After", notNullValue());
    }

    @Test
    void anAccountMayAskForAtMostFiveCodesAnHour() {
        String account = account();
        for (int i = 0; i < 5; i++) {
            askCode(account, soldLine().msisdn()).then().statusCode(202);
        }
        askCode(account, soldLine().msisdn()).then().statusCode(429).body("type", equalTo("urn:esim:problem:too-many-codes"));
    }

    @Test
    void badBindingRequestsAreRefusedAsProblemsAndChangeNothing() {
        String account = account();
        as(account).body("{\"msisdn\":\"12345\"}").post("/api/v1/me/bindings").then().statusCode(400)
                .contentType("application/problem+json");
        as(account).body("{\"msisdn\":\"+687700001\",\"eid\":\"123\"}").post("/api/v1/me/bindings").then().statusCode(400);
        as(account).body("{\"msisdn\":\"+687700001\",\"account\":\"someone-else\"}").post("/api/v1/me/bindings").then().statusCode(400);
        as(account).body("{\"challengeId\":\"" + UUID.randomUUID() + "\",\"code\":\"12ab56\"}")
                .post("/api/v1/me/bindings/confirm").then().statusCode(400);
        as(account).body("{\"msisdn\":\"+687700001\"}xyz{").post("/api/v1/me/bindings").then().statusCode(400);
        long challenges = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from binding_challenge where account = ?1").setParameter(1, account).getSingleResult()).longValue());
        assertThat(challenges).isZero();
    }

    @Test
    void aCustomerReadsAndRenewsItsOwnEsimWithTheChannelOfItsTokenAndOneOrderPerKey() {
        String account = account();
        Line line = bound(account);
        as(account).get("/api/v1/subscriptions/" + line.iccid()).then().statusCode(200).body("iccid", equalTo(line.iccid()));
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";
        String first = as(account).header("Idempotency-Key", key).body(body)
                .post("/api/v1/subscriptions/" + line.iccid() + "/renewals").then().statusCode(201).extract().path("orderNumber");
        String again = as(account).header("Idempotency-Key", key).body(body)
                .post("/api/v1/subscriptions/" + line.iccid() + "/renewals").then().statusCode(201).extract().path("orderNumber");
        assertThat(again).isEqualTo(first);
        as(account).get("/api/v1/subscriptions/" + line.iccid() + "/orders").then().statusCode(200)
                .body("findAll { it.kind == 'RENEWAL' }", hasSize(1))
                .body("find { it.kind == 'RENEWAL' }.channel", equalTo("APP"));
        as(account).header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + line.iccid() + "/renewals").then().statusCode(422)
                .body("type", equalTo("urn:esim:problem:channel-mismatch"));
    }

    @Test
    void anotherCustomersEsimIsTheSame404AsAnIccidNeverSold() {
        String owner = account();
        Line line = bound(owner);
        String stranger = account();
        String neverSold = Identifiers.withLuhnDigit("8968722" + String.format("%011d", 790_000 + NEXT.incrementAndGet()));
        for (String path : List.of("", "/orders", "/plan-advice")) {
            Response other = as(stranger).get("/api/v1/subscriptions/" + line.iccid() + path);
            Response none = as(stranger).get("/api/v1/subscriptions/" + neverSold + path);
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(other.body().asString()).as(path).isEqualTo(none.body().asString());
        }
        as(stranger).header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + line.iccid() + "/renewals").then().statusCode(404);
        as(stranger).body("{\"enabled\":false}").put("/api/v1/subscriptions/" + line.iccid() + "/auto-renewal").then().statusCode(404);
        as(stranger).delete("/api/v1/me/esims/" + line.iccid()).then().statusCode(404);
        as(owner).get("/api/v1/me/esims").then().body("", hasSize(1));
    }

    @Test
    void aCustomerTokenWithoutItsChannelCannotOrder() {
        String account = account();
        Line line = bound(account);
        String noChannel = LocalAuth.bearer(account, java.util.Set.of("customer"), null);
        given().header("Authorization", noChannel).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                .post("/api/v1/subscriptions/" + line.iccid() + "/renewals").then().statusCode(403)
                .body("type", equalTo("urn:esim:problem:channel-missing"));
    }

    @Test
    void theLinesHolderWhoProvesItMovesTheEsimFromAnotherAccount() {
        String first = account();
        Line line = bound(first);
        String second = account();
        String challenge = challenge(second, line.msisdn());
        confirm(second, challenge, codeSentFor(challenge).code()).then().statusCode(201);
        as(first).get("/api/v1/me/esims").then().body("", hasSize(0));
        as(second).get("/api/v1/me/esims").then().body("", hasSize(1));
        as(first).get("/api/v1/subscriptions/" + line.iccid()).then().statusCode(404);
    }

    @Test
    void unbindingTakesTheEsimOffTheAccountAndGoesOutAsUnbound() throws IOException {
        String account = account();
        Line line = bound(account);
        as(account).delete("/api/v1/me/esims/" + line.iccid()).then().statusCode(204);
        as(account).get("/api/v1/me/esims").then().body("", hasSize(0));
        as(account).get("/api/v1/subscriptions/" + line.iccid()).then().statusCode(404);
        List<ConsumerRecord<String, byte[]>> events = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.CUSTOMER_BINDING, r -> line.iccid().equals(r.key()), 2, Duration.ofSeconds(20));
        assertThat(EventJson.read(events.get(1).value(), CustomerBindingV1.class).type()).isEqualTo(CustomerBindingV1.Type.UNBOUND);
    }

    @Test
    void everyBindingFailedTryAndUnbindingIsInTheAuditLog() {
        String account = account();
        Line line = soldLine();
        String challenge = challenge(account, line.msisdn());
        String code = codeSentFor(challenge).code();
        confirm(account, challenge, wrong(code)).then().statusCode(422);
        confirm(account, challenge, code).then().statusCode(201);
        as(account).delete("/api/v1/me/esims/" + line.iccid()).then().statusCode(204);
        List<Object[]> entries = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select method, path, status from audit_entry where caller = ?1 order by id").setParameter(1, account)
                .getResultList());
        assertThat(entries).extracting(e -> e[0] + " " + e[1] + " " + e[2]).containsExactly(
                "POST /api/v1/me/bindings 202", "POST /api/v1/me/bindings/confirm 422",
                "POST /api/v1/me/bindings/confirm 201", "DELETE /api/v1/me/esims/" + line.iccid() + " 204");
    }

    @Test
    void staffTokensCannotUseTheCustomersRoutes() {
        for (String role : List.of("partner-shop", "support-desk", "operator", "analyst")) {
            RequestSpecification staff = given().header("Authorization", LocalAuth.bearer("staff-" + role, java.util.Set.of(role),
                    "partner-shop".equals(role) ? "SHOP-X" : null)).contentType(ContentType.JSON);
            assertThat(staff.get("/api/v1/me/esims").statusCode()).as(role).isEqualTo(403);
        }
    }
}
