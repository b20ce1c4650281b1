package nc.esim.notification.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.notification.email.GreenMailSmtp;

/** SMS over SMPP to the SMS-centre simulator: encodings, concatenation, receipts, the SMS centre down and back. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
@QuarkusTestResource(SmscResource.class)
class SmsDeliveryTest {
    private static final Instant UNTIL = Instant.parse("2026-11-29T13:00:00Z");
    private static final EventPublisher events = RealInfrastructure.events();
    private static int next = 300;

    @AfterAll
    static void close() {
        SmscResource.smsc().up();
    }

    private static synchronized String iccid() {
        return Identifiers.withLuhnDigit("8968704" + String.format("%011d", next++));
    }

    private static synchronized String msisdn() {
        return "+68779" + String.format("%04d", next++);
    }

    private static void publish(String iccid, String msisdn, SubscriptionEventType type, String language, String plan) {
        events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(type.cloudEventType(), "/billing-service", iccid,
                Instant.now()), new SubscriptionEventV1(1, type, UUID.randomUUID().toString(), iccid, msisdn, plan,
                "ORD-20261122-000011", language, null,
                new AllowanceV1("ORD-20261122-000011", 10L << 30, 6_000, 100, UNTIL.minus(Duration.ofDays(7)), UNTIL),
                Instant.now(), "SHOP-1", false));
    }

    private static List<SmscSimulator.Message> to(String msisdn) {
        return SmscResource.smsc().messages().stream().filter(m -> m.destination().equals(msisdn.substring(1))).toList();
    }

    private static List<String> smsStatuses(String iccid) {
        return given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'SMS' }.status");
    }

    @Test
    void aFrenchTextGoesAsOneGsm7SmsAndItsReceiptMakesItDelivered() {
        String iccid = iccid();
        String msisdn = msisdn();
        publish(iccid, msisdn, SubscriptionEventType.ACTIVATED, "fr", "TRAVEL-7D-10GB");

        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1);
        SmscSimulator.Message sms = to(msisdn).get(0);
        assertThat(sms.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(sms.parts()).isEqualTo(1);
        assertThat(sms.text()).isEqualTo("Votre forfait TRAVEL-7D-10GB est actif jusqu'au 29 novembre 2026 23:59. "
                + "Bon séjour en Nouvelle-Calédonie !");
        await().atMost(Duration.ofSeconds(15)).until(() -> smsStatuses(iccid).equals(List.of("DELIVERED")));
        List<String> facts = TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.NOTIFICATION,
                r -> iccid.equals(r.key()), 2, Duration.ofSeconds(15)).stream().map(r -> {
                    try {
                        return EventJson.read(r.value(), NotificationEventV1.class).status();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(facts).containsExactly("SENT", "DELIVERED");
    }

    @Test
    void chineseGoesAsUcs2AndALongTextAsAConcatenatedMessage() {
        String iccid = iccid();
        String msisdn = msisdn();
        publish(iccid, msisdn, SubscriptionEventType.AUTO_RENEW_FAILED, "zh", "TRAVEL-7D-10GB");
        String longIccid = iccid();
        String longMsisdn = msisdn();
        publish(longIccid, longMsisdn, SubscriptionEventType.AUTO_RENEW_FAILED, "en",
                "UN-FORFAIT-AU-NOM-TRES-LONG-POUR-UN-SEJOUR-PROLONGE-EN-NOUVELLE-CALEDONIE-ET-AUX-ILES-LOYAUTE");

        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1 && to(longMsisdn).size() == 1);
        SmscSimulator.Message chinese = to(msisdn).get(0);
        assertThat(chinese.dataCoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(chinese.text()).isEqualTo("您的 TRAVEL-7D-10GB 套餐自动续订未能付款（订单 ORD-20261122-000011）。请手动续订以免断网。");
        SmscSimulator.Message concatenated = to(longMsisdn).get(0);
        assertThat(concatenated.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(concatenated.parts()).isEqualTo(2);
        assertThat(concatenated.text()).startsWith("The automatic renewal of your UN-FORFAIT-AU-NOM")
                .endsWith("Renew it yourself to stay connected.");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(smsStatuses(longIccid)).containsExactly("DELIVERED"));
    }

    @Test
    void everyConcatenatedMessageIsSettledWhenTheReceiptsOfItsPartsArriveTogether() {
        // the simulator answers each part's receipt 50 ms after its submit: the receipts of one message's parts
        // reach the service together and are applied concurrently
        List<String> iccids = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String iccid = iccid();
            iccids.add(iccid);
            publish(iccid, msisdn(), SubscriptionEventType.AUTO_RENEW_FAILED, "en",
                    "UN-FORFAIT-AU-NOM-TRES-LONG-POUR-UN-SEJOUR-PROLONGE-EN-NOUVELLE-CALEDONIE-ET-AUX-ILES-LOYAUTE");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String iccid : iccids) {
                assertThat(smsStatuses(iccid)).as(iccid).containsExactly("DELIVERED");
            }
        });
    }

    @Test
    void anUndeliverableNumberEndsFailedByItsReceipt() {
        String iccid = iccid();
        String msisdn = "+687" + "21" + SmscSimulator.UNDELIVERABLE_SUFFIX;
        publish(iccid, msisdn, SubscriptionEventType.RENEWED, "en", "TRAVEL-3D-3GB");

        await().atMost(Duration.ofSeconds(30)).until(() -> smsStatuses(iccid).equals(List.of("FAILED")));
    }

    @Test
    void whileTheSmsCentreIsDownSmsWaitAndAllGoWhenItReturns() {
        SmscResource.smsc().down();
        List<String> iccids = new java.util.ArrayList<>();
        List<String> msisdns = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                iccids.add(iccid());
                msisdns.add(msisdn());
                publish(iccids.get(i), msisdns.get(i), SubscriptionEventType.EXPIRING_SOON, "en", "TRAVEL-3D-3GB");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String iccid : iccids) {
                    assertThat(smsStatuses(iccid)).containsExactly("QUEUED");
                }
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (String iccid : iccids) {
                    assertThat(smsStatuses(iccid)).containsExactly("QUEUED"); // nothing attempted, nothing lost
                }
            });
        } finally {
            SmscResource.smsc().up();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String iccid : iccids) {
                assertThat(smsStatuses(iccid)).containsExactly("DELIVERED");
            }
        });
        for (String msisdn : msisdns) {
            assertThat(to(msisdn)).hasSize(1);
        }
    }
}
