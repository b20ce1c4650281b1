package nc.esim.usage.records;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/** Hand-made CDRs and allowances for tests that need exact quantities and times. */
public final class UsageTestSupport {
    public static final String CDR_GROUP = "usage-service.cdr-ingest";
    public static final String SUBSCRIPTION_GROUP = "usage-service.subscriptions";

    private UsageTestSupport() {
    }

    public static CdrV1 data(int subscriber, long chargingId, int sequence, Instant start, long bytes) {
        return new CdrV1(1, "PGW-NOU-01", chargingId, sequence, Subscribers.iccid(subscriber),
                Subscribers.msisdn(subscriber), UsageType.DATA, start, bytes / 2, bytes - bytes / 2, 60, null, true);
    }

    public static CdrV1 call(int subscriber, long chargingId, Instant start, long seconds, String counterParty) {
        return new CdrV1(1, "MSC-NOU-01", chargingId, 1, Subscribers.iccid(subscriber), Subscribers.msisdn(subscriber),
                UsageType.VOICE, start, 0, 0, seconds, counterParty, true);
    }

    public static CdrV1 sms(int subscriber, long chargingId, Instant start, String counterParty) {
        return new CdrV1(1, "SMSC-NOU-01", chargingId, 1, Subscribers.iccid(subscriber), Subscribers.msisdn(subscriber),
                UsageType.SMS, start, 0, 0, 0, counterParty, true);
    }

    public static void publish(EventPublisher events, CdrV1... cdrs) {
        for (CdrV1 cdr : cdrs) {
            events.publishRaw(Topics.CDR, cdr.iccid(), EventJson.write(cdr));
        }
    }

    /** Billing's word that the eSIM has this allowance. */
    public static void grant(EventPublisher events, int subscriber, String allowanceId, long dataBytes, Instant from, Instant until) {
        grant(events, subscriber, allowanceId, dataBytes, from, until, null, null);
    }

    /** The same, for a subscription sold by {@code shop} whose customer gave or refused consent. */
    public static void grant(EventPublisher events, int subscriber, String allowanceId, long dataBytes, Instant from, Instant until,
                      String shop, Boolean counterPartyConsent) {
        String iccid = Subscribers.iccid(subscriber);
        SubscriptionEventV1 event = new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED,
                "SUB-" + subscriber, iccid, Subscribers.msisdn(subscriber), "TRAVEL-3D-3GB", "ORD-" + allowanceId, "en",
                null, new AllowanceV1(allowanceId, dataBytes, 6_000, 100, from, until), from, shop, counterPartyConsent);
        events.publish(Topics.SUBSCRIPTION, new EventMetadata(UUID.randomUUID().toString(),
                SubscriptionEventType.ACTIVATED.cloudEventType(), "/billing-service", iccid, from), event);
    }

    public static void awaitCdrs() {
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));
    }

    public static void awaitSubscriptions() {
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), SUBSCRIPTION_GROUP, Topics.SUBSCRIPTION,
                Duration.ofSeconds(60));
    }

    public static JsonPath summary(int subscriber) {
        return given().get("/api/v1/usage/" + Subscribers.iccid(subscriber) + "/summary").then().statusCode(200)
                .extract().jsonPath();
    }
}
