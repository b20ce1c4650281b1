package nc.esim.usage.access;

import static io.restassured.RestAssured.given;
import static nc.esim.usage.records.UsageTestSupport.awaitSubscriptions;
import static nc.esim.usage.records.UsageTestSupport.grant;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/**
 * The forgery of the security sweep: a well-formed ACTIVATED event that did not come from billing gave
 * an eSIM a 1 GiB allowance. Now only billing's principal may write the subscription facts: anyone
 * else's record is refused by the broker, and usage-service never sees it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class ForgedSubscriptionEventsTest {

    @Test
    void anActivationForgedByAnotherPrincipalIsRefusedByTheBrokerAndGrantsNoAllowance() {
        int esim = 9_401;
        Instant now = Instant.now();
        for (KafkaPrincipal forger : new KafkaPrincipal[] {KafkaPrincipal.MEDIATION, KafkaPrincipal.ANALYST,
                KafkaPrincipal.NOTIFICATION, KafkaPrincipal.USAGE, KafkaPrincipal.CONSOLE}) {
            try (EventPublisher forged = EventPublisher.as(RealInfrastructure.broker(), forger)) {
                assertThatThrownBy(() -> grant(forged, esim, "ALW-FORGED-" + forger, 1L << 30, now, now.plus(Duration.ofDays(30))))
                        .as(forger.user())
                        .hasRootCauseInstanceOf(forger == KafkaPrincipal.CONSOLE
                                ? org.apache.kafka.common.errors.ClusterAuthorizationException.class
                                : TopicAuthorizationException.class);
            }
        }
        awaitSubscriptions();
        given().get("/api/v1/usage/" + Subscribers.iccid(esim) + "/summary").then().statusCode(404);
    }

    @Test
    void theSameActivationFromBillingsPrincipalGrantsTheAllowance() {
        int esim = 9_402;
        Instant now = Instant.now();
        try (EventPublisher billing = EventPublisher.as(RealInfrastructure.broker(), KafkaPrincipal.BILLING)) {
            grant(billing, esim, "ALW-GENUINE-9402", 1L << 30, now, now.plus(Duration.ofDays(30)));
        }
        awaitSubscriptions();
        given().get("/api/v1/usage/" + Subscribers.iccid(esim) + "/summary").then().statusCode(200);
    }
}
