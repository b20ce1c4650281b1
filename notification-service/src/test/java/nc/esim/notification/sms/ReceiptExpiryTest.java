package nc.esim.notification.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.notification.email.GreenMailSmtp;

/** An SMS whose receipt never comes is settled EXPIRED after the validity; a receipt that comes later still wins. */
@QuarkusTest
@TestProfile(ReceiptExpiryTest.ShortValidity.class)
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
@QuarkusTestResource(SmscResource.class)
class ReceiptExpiryTest {
    private static final Instant UNTIL = Instant.parse("2026-11-29T13:00:00Z");

    /** A validity of 3 s, looked for every 0.5 s, instead of 48 h and a minute. */
    public static class ShortValidity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.sms.receipt-validity", "PT3S", "notification.sms.receipt-expiry-interval", "0.5s");
        }
    }

    private static List<String> smsStatuses(String iccid) {
        return given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'SMS' }.status");
    }

    private static List<String> facts(String iccid, int count) {
        return TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.NOTIFICATION, r -> iccid.equals(r.key()),
                count, Duration.ofSeconds(20)).stream().map(r -> {
                    try {
                        return EventJson.read(r.value(), NotificationEventV1.class).status();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void anSmsWithoutReceiptExpiresAfterTheValidityAndALateReceiptStillMakesItDelivered() {
        String iccid = Identifiers.withLuhnDigit("8968704" + String.format("%011d", 900));
        String msisdn = "+68731" + SmscSimulator.RECEIPT_WITHHELD_SUFFIX;
        RealInfrastructure.events().publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(
                        SubscriptionEventType.ACTIVATED.cloudEventType(), "/billing-service", iccid, Instant.now()),
                new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED, UUID.randomUUID().toString(), iccid, msisdn,
                        "TRAVEL-7D-10GB", "ORD-20261122-000090", "fr", null,
                        new AllowanceV1("ORD-20261122-000090", 10L << 30, 6_000, 100, UNTIL.minus(Duration.ofDays(7)), UNTIL),
                        Instant.now(), "SHOP-1", false));

        await().atMost(Duration.ofSeconds(30)).until(() -> smsStatuses(iccid).equals(List.of("SENT")));
        await().atMost(Duration.ofSeconds(20)).until(() -> smsStatuses(iccid).equals(List.of("EXPIRED")));
        assertThat(facts(iccid, 2)).containsExactly("SENT", "EXPIRED");

        assertThat(SmscResource.smsc().releaseWithheldReceipts()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> smsStatuses(iccid).equals(List.of("DELIVERED")));
        assertThat(facts(iccid, 3)).containsExactly("SENT", "EXPIRED", "DELIVERED");
    }
}
