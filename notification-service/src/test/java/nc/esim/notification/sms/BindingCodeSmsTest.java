package nc.esim.notification.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.BindingCodeV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.notification.customers.Customers;
import nc.esim.notification.email.GreenMailSmtp;
import nc.esim.notification.events.CodeRedaction;

/**
 * One-time binding codes by SMS: sent at once, in the customer's language, in one GSM-7 part, with the
 * warning that staff never ask for it; whatever the customer opted out of; once per challenge; never when
 * already expired; and gone from the stored parameters once settled.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
@QuarkusTestResource(SmscResource.class)
class BindingCodeSmsTest {
    private static final EventPublisher events = RealInfrastructure.events();
    private static int next = 500;

    @Inject
    EntityManager entityManager;

    @Inject
    CodeRedaction redaction;

    @AfterAll
    static void close() {
        SmscResource.smsc().up();
    }

    @Inject
    Customers customers;

    private static synchronized String iccid() {
        return Identifiers.withLuhnDigit("8968705" + String.format("%011d", next++));
    }

    private static synchronized String msisdn() {
        return "+68778" + String.format("%04d", next++);
    }

    private static BindingCodeV1 send(String iccid, String msisdn, String language, String code, Instant expiresAt) {
        BindingCodeV1 event = new BindingCodeV1(1, UUID.randomUUID().toString(), iccid, msisdn, language, code, expiresAt,
                Instant.now());
        publish(event);
        return event;
    }

    private static void publish(BindingCodeV1 event) {
        events.publish(Topics.BINDING_CODE, new EventMetadata(event.challenge(), BindingCodeV1.CLOUD_EVENT_TYPE,
                "/billing-service", event.iccid(), event.occurredAt()), event);
    }

    private static List<SmscSimulator.Message> to(String msisdn) {
        return SmscResource.smsc().messages().stream().filter(m -> m.destination().equals(msisdn.substring(1))).toList();
    }

    @Test
    void aFrenchCodeGoesAtOnceAsOneGsm7SmsThatWarnsStaffNeverAskForIt() {
        String msisdn = msisdn();
        send(iccid(), msisdn, "fr", "482913", Instant.now().plus(Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1);
        SmscSimulator.Message sms = to(msisdn).get(0);
        assertThat(sms.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(sms.parts()).isEqualTo(1);
        assertThat(sms.text()).isEqualTo("Code eSIM : 482913. Valable 10 min. Ne le donnez à personne : "
                + "nos conseillers ne vous le demanderont jamais.");
    }

    @Test
    void englishAndChineseCodesGoInOnePartEach() {
        String english = msisdn();
        String chinese = msisdn();
        send(iccid(), english, "en", "111222", Instant.now().plus(Duration.ofMinutes(10)));
        send(iccid(), chinese, "zh", "333444", Instant.now().plus(Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(30)).until(() -> to(english).size() == 1 && to(chinese).size() == 1);
        assertThat(to(english).get(0).text()).isEqualTo(
                "Your eSIM code: 111222. Valid 10 min. Do not share it: our staff will never ask you for it.");
        assertThat(to(english).get(0).parts()).isEqualTo(1);
        assertThat(to(chinese).get(0).text()).contains("333444");
        assertThat(to(chinese).get(0).parts()).isEqualTo(1);
    }

    @Test
    void aCodeGoesEvenToACustomerWhoOptedOutOfServiceSms() {
        String iccid = iccid();
        String msisdn = msisdn();
        QuarkusTransaction.requiringNew().run(() -> customers.remember(iccid, msisdn, null, "en",
                Instant.parse("2026-01-01T00:00:00Z"))); // sold: preferences exist only for a known eSIM
        given().contentType("application/json")
                .body("{\"emailService\":false,\"emailMarketing\":false,\"smsService\":false,\"smsMarketing\":false}")
                .put("/api/v1/preferences/" + iccid).then().statusCode(200);
        send(iccid, msisdn, "en", "555666", Instant.now().plus(Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1);
    }

    @Test
    void aCodeEventReplayedSendsOneSms() {
        String msisdn = msisdn();
        BindingCodeV1 event = send(iccid(), msisdn, "en", "777888", Instant.now().plus(Duration.ofMinutes(10)));
        publish(event);
        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> to(msisdn).size() == 1);
    }

    @Test
    void aCodeAlreadyExpiredWhenReadIsNotSent() {
        String iccid = iccid();
        String msisdn = msisdn();
        send(iccid, msisdn, "en", "999000", Instant.now().minusSeconds(1));
        String marker = msisdn();
        send(iccid(), marker, "en", "123123", Instant.now().plus(Duration.ofMinutes(10)));
        // the later code reached the SMS centre, so the expired one was read before it
        await().atMost(Duration.ofSeconds(30)).until(() -> to(marker).size() == 1);
        assertThat(to(msisdn)).isEmpty();
    }

    @Test
    void aSettledCodeLeavesTheStoredParameters() {
        String iccid = iccid();
        String msisdn = msisdn();
        send(iccid, msisdn, "fr", "246802", Instant.now().plus(Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(30)).until(() -> to(msisdn).size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> !"SENDING".equals(status(iccid)) && !"QUEUED".equals(status(iccid)));
        redaction.redact();
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select cast(parameters as text) from notification where iccid = ?1").setParameter(1, iccid).getSingleResult());
        assertThat(stored).doesNotContain("246802").doesNotContain("\"code\"");
    }

    private String status(String iccid) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select status from notification where iccid = ?1").setParameter(1, iccid).getSingleResult());
    }
}
