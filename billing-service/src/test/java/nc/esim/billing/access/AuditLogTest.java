package nc.esim.billing.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nc.esim.billing.support.BillingApi;
import nc.esim.contracts.Identifiers;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.quarkus.RealInfrastructure;

/** Every state-changing call, allowed or refused, lands in the audit log; operators read it; nobody changes it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AuditLogTest {
    private static final String OPERATOR = LocalAuth.bearer("auditor", Set.of("operator"), null);

    @Inject
    EntityManager entityManager;

    private static JsonPath entriesOf(String caller) {
        return given().header("Authorization", OPERATOR).queryParam("caller", caller).get("/api/v1/audit-log")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSaleARenewalAndARefusedCallAreRecordedWithWhoWhatWhenWhereAndTheOutcome() {
        String clerk = "clerk-" + UUID.randomUUID();
        String shop = LocalAuth.bearer(clerk, Set.of("partner-shop"), "SHOP-DUMBEA");
        String iccid = Identifiers.withLuhnDigit("8968716" + String.format("%011d", 900_001));
        given().header("Authorization", shop).contentType(ContentType.JSON)
                .body("{\"iccid\":\"%s\",\"msisdn\":\"+687169001\",\"planCode\":\"TRAVEL-3D-3GB\"}".formatted(iccid))
                .post("/api/v1/subscriptions").then().statusCode(201);
        String key = UUID.randomUUID().toString();
        given().header("Authorization", shop).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"channel\":\"PARTNER_SHOP\",\"paymentMethod\":\"CASH\"}")
                .post("/api/v1/subscriptions/" + iccid + "/renewals").then().statusCode(201);
        given().header("Authorization", shop).contentType(ContentType.JSON).body("{\"xpfPerUnit\":1,\"minorUnits\":2}")
                .put("/api/v1/exchange-rates/AUD").then().statusCode(403);
        given().header("Authorization", shop).get("/api/v1/subscriptions/" + iccid).then().statusCode(200);

        JsonPath entries = entriesOf(clerk);
        assertThat(entries.getList("entries.path")).containsExactly("/api/v1/exchange-rates/AUD",
                "/api/v1/subscriptions/" + iccid + "/renewals", "/api/v1/subscriptions"); // newest first, no GET
        assertThat(entries.getList("entries.status", Integer.class)).containsExactly(403, 201, 201);
        assertThat(entries.getList("entries.method")).containsExactly("PUT", "POST", "POST");
        assertThat(entries.getList("entries.shopId")).containsOnly("SHOP-DUMBEA");
        assertThat(entries.getList("entries.roles")).containsOnly(List.of("partner-shop"));
        assertThat(entries.getList("entries.remoteAddress")).containsOnly("127.0.0.1");
        assertThat(entries.getString("entries[1].idempotencyKey")).isEqualTo(key);
        assertThat(entries.getString("entries[0].at")).isNotBlank();
    }

    @Test
    void aSuccessfulChangeAndItsAuditEntryAreCommittedInOneTransaction() {
        String code = "AUDIT-TX-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String path = "/api/v1/plans/" + code;
        given().contentType(ContentType.JSON).body("{\"name\":\"Audited\",\"dataBytes\":1024,\"validityDays\":3,\"priceMinor\":900}")
                .put(path).then().statusCode(201);
        // PostgreSQL's xmin names the transaction that wrote a row: the plan and its trace share one, so a crash
        // keeps neither or both, never the change without its entry
        Object[] transactions = (Object[]) entityManager.createNativeQuery(
                        "select (select xmin::text from plan where code = ?1), (select xmin::text from audit_entry where path = ?2)")
                .setParameter(1, code).setParameter(2, path).getSingleResult();
        assertThat(transactions[0]).isNotNull().isEqualTo(transactions[1]);
        assertThat(((Number) entityManager.createNativeQuery("select count(*) from audit_entry where path = ?1")
                .setParameter(1, path).getSingleResult()).longValue()).isEqualTo(1);
    }

    @Test
    void aCallWithoutAValidTokenIsRecordedAsAnonymous() {
        String path = "/api/v1/plans/AUDIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().noFilters().contentType(ContentType.JSON).body("{}").put(path).then().statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(entriesOf("anonymous")
                .getList("entries", Map.class)).anySatisfy(e -> {
                    assertThat(e.get("path")).isEqualTo(path);
                    assertThat(e.get("status")).isEqualTo(401);
                }));
    }

    @Test
    void onlyOperatorsReadTheLogAndItPagesNewestFirst() {
        for (String role : List.of("partner-shop", "support-desk", "analyst")) {
            given().header("Authorization", LocalAuth.bearer("x", Set.of(role), "SHOP-X")).get("/api/v1/audit-log")
                    .then().statusCode(403);
        }
        String clerk = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", LocalAuth.bearer(clerk, Set.of("operator"), null)).contentType(ContentType.JSON)
                    .body("{\"xpfPerUnit\":7%d.5,\"minorUnits\":2}".formatted(i)).put("/api/v1/exchange-rates/AUD")
                    .then().statusCode(200);
        }
        JsonPath first = given().header("Authorization", OPERATOR).queryParam("caller", clerk).queryParam("limit", 2)
                .get("/api/v1/audit-log").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("entries")).hasSize(2);
        JsonPath second = given().header("Authorization", OPERATOR).queryParam("caller", clerk).queryParam("limit", 2)
                .queryParam("before", first.getLong("nextBefore")).get("/api/v1/audit-log").then().extract().jsonPath();
        assertThat(second.getList("entries")).hasSize(1);
        assertThat(second.<Object>get("nextBefore")).isNull();
        given().header("Authorization", OPERATOR).queryParam("limit", 501).get("/api/v1/audit-log").then().statusCode(400);
        given().header("Authorization", OPERATOR).queryParam("from", "yesterday").get("/api/v1/audit-log").then().statusCode(400);
    }

    @Test
    void nothingChangesTheLogNeitherTheApiNorTheDatabase() {
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}").put("/api/v1/audit-log")
                .then().statusCode(405);
        given().header("Authorization", OPERATOR).delete("/api/v1/audit-log").then().statusCode(405);
        assertThatThrownBy(() -> BillingApi.sql(entityManager, "update audit_entry set caller = 'someone else'"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> BillingApi.sql(entityManager, "delete from audit_entry"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> BillingApi.sql(entityManager, "truncate audit_entry"))
                .hasStackTraceContaining("append-only");
    }
}
