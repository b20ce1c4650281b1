package nc.esim.notification.email;

import nc.esim.notification.sms.SmsEncoding;
import nc.esim.notification.templates.EmailContent;
import nc.esim.notification.templates.MessageTemplates;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.notification.events.MessageParameters;
import nc.esim.notification.queue.MessageClaims;

/** Emails over SMTP to GreenMail, a real SMTP server: content, language, replays, the server down and back. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
class EmailDeliveryTest {
    private static final Instant UNTIL = Instant.parse("2026-11-29T13:00:00Z"); // 30 Nov 00:00 in Nouméa
    private static final String[] TEMPLATES = {"activated", "renewed", "topped-up", "extended", "expiring-soon",
            "expired", "grace-ended", "suspended", "auto-renew-failed", "payment-expired"};
    private static final EventPublisher events = RealInfrastructure.events();
    private static int next = 100;

    @Inject
    MessageTemplates templates;

    @Inject
    DataSource dataSource;

    @Inject
    MessageClaims claims;

    @AfterAll
    static void close() {
        GreenMailSmtp.up();
    }

    private static synchronized String iccid() {
        return Identifiers.withLuhnDigit("8968704" + String.format("%011d", next++));
    }

    private static void publish(String iccid, SubscriptionEventType type, String email, String language, EventMetadata metadata) {
        events.publish(Topics.SUBSCRIPTION, metadata, new SubscriptionEventV1(1, type, UUID.randomUUID().toString(), iccid,
                "+687771234", "TRAVEL-7D-10GB", "ORD-20261122-000007", language, email,
                new AllowanceV1("ORD-20261122-000007", 10L << 30, 6_000, 100, UNTIL.minus(Duration.ofDays(7)), UNTIL),
                Instant.now(), "SHOP-1", false));
    }

    private static EventMetadata metadata(String iccid, SubscriptionEventType type) {
        return EventMetadata.newEvent(type.cloudEventType(), "/billing-service", iccid, Instant.now());
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailSmtp.server().getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static JsonPath deliveryLog(String iccid) {
        return given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anActivationSendsOneEmailInChineseWithTextAndHtmlPartsAndOnlyTheOperatorsLink() throws Exception {
        String iccid = iccid();
        String address = "li.wei+" + UUID.randomUUID() + "@example.nc";
        publish(iccid, SubscriptionEventType.ACTIVATED, address, "zh", metadata(iccid, SubscriptionEventType.ACTIVATED));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);
        MimeMessage mail = mailTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("您的 TRAVEL-7D-10GB 套餐已激活");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        List<String> types = new ArrayList<>();
        StringBuilder bodies = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            types.add(part.getContentType().split(";")[0].toLowerCase());
            bodies.append(part.getContent());
        }
        assertThat(types).containsExactlyInAnyOrder("text/plain", "text/html");
        assertThat(bodies.toString()).contains("有效期至 2026年11月29日 下午11:59").contains("https://www.esim.nc/mon-compte")
                .doesNotContain(iccid).doesNotContain("771234").doesNotContain(address).doesNotContain("http://");
        assertThat(mail.getHeader("Message-ID")[0]).endsWith("@notification.esim.nc>");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveryLog(iccid)
                .getList("findAll { it.channel == 'EMAIL' }.status")).containsExactly("SENT"));
        JsonPath log = deliveryLog(iccid);
        assertThat(log.getInt("[0].attempts")).isEqualTo(1);
        assertThat(log.getBoolean("[0].settled")).isTrue();
        assertThat(log.getString("[0].dueAt")).isNull();
        assertThat(Instant.parse(log.getString("[0].sentAt"))).isAfterOrEqualTo(Instant.parse(log.getString("[0].causeOccurredAt")));
        assertThat(log.getDouble("[0].secondsToSend")).isBetween(0.0, 30.0);
        List<ConsumerRecord<String, byte[]>> facts = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.NOTIFICATION, r -> iccid.equals(r.key()) && new String(r.value()).contains("\"EMAIL\""), 1,
                Duration.ofSeconds(15));
        NotificationEventV1 fact = EventJson.read(facts.get(0).value(), NotificationEventV1.class);
        assertThat(fact.status()).isEqualTo("SENT");
        assertThat(fact.channel()).isEqualTo("EMAIL");
        assertThat(new String(facts.get(0).value())).doesNotContain(address).doesNotContain("771234");
    }

    @Test
    void aReplayedEventSendsNoSecondEmail() {
        String iccid = iccid();
        String address = "replay+" + UUID.randomUUID() + "@example.nc";
        EventMetadata once = metadata(iccid, SubscriptionEventType.RENEWED);
        publish(iccid, SubscriptionEventType.RENEWED, address, "en", once);
        publish(iccid, SubscriptionEventType.RENEWED, address, "en", once);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailTo(address).size() == 1);
    }

    @Test
    void everyTemplateReadsInEveryLanguageAndAnUnknownLanguageFallsBackToFrench() {
        MessageParameters parameters = new MessageParameters("TRAVEL-7D-10GB", "ORD-20261122-000007", UNTIL, 3L << 30, null,
                null, null, null, 2_500L, "XPF");
        for (String template : TEMPLATES) {
            for (String language : List.of("fr", "en", "zh")) {
                EmailContent content = templates.render("subscription-" + template, language, parameters);
                assertThat(content.subject()).as(template + " " + language).isNotBlank().doesNotContain("{");
                assertThat(content.text()).as(template + " " + language).doesNotContain("{").contains("https://www.esim.nc/mon-compte");
                assertThat(content.html()).as(template + " " + language).contains("<html lang=\"" + language + "\"");
            }
        }
        for (String quota : List.of("data", "voice", "sms")) {
            for (int level : new int[] {80, 100}) {
                for (String language : List.of("fr", "en", "zh")) {
                    EmailContent content = templates.render("usage-" + quota + "-" + level, language, new MessageParameters(
                            null, null, null, null, quota.toUpperCase(), level, 80 * unit(quota), 100 * unit(quota), null,
                            null));
                    assertThat(content.subject()).as(quota + level + language).isNotBlank().doesNotContain("{");
                    assertThat(content.text()).as(quota + level + language).doesNotContain("{").contains("100");
                }
            }
        }
        assertThat(templates.render("subscription-topped-up", "en", parameters).text())
                .contains("3 GB of data were added to your plan for 2,500 XPF, valid until 29 November 2026, 23:59");
        assertThat(templates.render("subscription-renewed", "fr", parameters).text())
                .contains("renouvelé jusqu'au 29 novembre 2026 23:59 pour 2 500 XPF.");
        assertThat(templates.render("subscription-extended", "zh", parameters).text()).contains("，金额 2,500 XPF。");
        // the French grouping space is a plain one: a no-break space would turn the SMS into UCS-2
        assertThat(SmsEncoding.of(templates.sms("subscription-extended", "fr", parameters)).dataCoding())
                .isEqualTo(SmsEncoding.GSM_7);
        MessageParameters unpriced = new MessageParameters("TRAVEL-7D-10GB", "ORD-20261122-000007", UNTIL, 3L << 30, null,
                null, null, null, null, null);
        assertThat(templates.render("subscription-renewed", "en", unpriced).text())
                .contains("renewed until 29 November 2026, 23:59. The receipt");
        assertThat(templates.render("subscription-expired", "de", parameters).subject())
                .isEqualTo("Votre forfait TRAVEL-7D-10GB a expiré");
    }

    @Test
    void aUsageAlertIsEmailedToTheAddressAndInTheLanguageBillingLastGave() {
        String iccid = iccid();
        String address = "alert+" + UUID.randomUUID() + "@example.nc";
        publish(iccid, SubscriptionEventType.ACTIVATED, address, "en", metadata(iccid, SubscriptionEventType.ACTIVATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);

        UsageAlertV1 alert = new UsageAlertV1(1, iccid, "ORD-20261122-000007", UsageType.DATA, 80,
                8L << 30, 10L << 30, Instant.now());
        events.publish(Topics.USAGE_ALERTS, new EventMetadata(alert.eventId(), UsageAlertV1.CLOUD_EVENT_TYPE, "/usage-service",
                iccid, Instant.now()), alert);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 2);
        MimeMessage mail = mailTo(address).stream().filter(m -> subject(m).startsWith("80%")).findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(mail)).contains("You have used 80% of your data (8 GB of 10 GB)");
        assertThat(deliveryLog(iccid).getList("findAll { it.template == 'usage-data-80' }.channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS");
    }

    @Test
    void aPlanUsedUpWhileAPackHoldsDataSaysWhatIsLeftAndOnlyTheLineOutOfDataSaysGetOnlineAgain() {
        String iccid = iccid();
        String address = "pack+" + UUID.randomUUID() + "@example.nc";
        publish(iccid, SubscriptionEventType.ACTIVATED, address, "en", metadata(iccid, SubscriptionEventType.ACTIVATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);

        // the plan's 3 GB used up, 1.5 GB left in a pack
        UsageAlertV1 plan = new UsageAlertV1(1, iccid, "ORD-PLAN", UsageType.DATA, 100, 3L << 30, 3L << 30, Instant.now(),
                UsageAlertV1.Kind.QUOTA_LEVEL, 3L << 29);
        events.publish(Topics.USAGE_ALERTS, new EventMetadata(plan.eventId(), UsageAlertV1.CLOUD_EVENT_TYPE, "/usage-service",
                iccid, Instant.now()), plan);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 2);
        assertThat(GreenMailUtil.getBody(mailTo(address).get(1)))
                .contains("You have used the 3 GB of one of your allowances. You still have 1.5 GB of data: you stay online.")
                .doesNotContain("get online again");

        // then the pack: its 100 % says nothing of its own, the line out of data says it once
        UsageAlertV1 pack = new UsageAlertV1(1, iccid, "ORD-PACK", UsageType.DATA, 100, 3L << 29, 3L << 29, Instant.now(),
                UsageAlertV1.Kind.QUOTA_LEVEL, 0);
        UsageAlertV1 exhausted = new UsageAlertV1(1, iccid, "ORD-PACK", UsageType.DATA, 100, 3L << 29, 3L << 29,
                Instant.now(), UsageAlertV1.Kind.DATA_EXHAUSTED, 0);
        for (UsageAlertV1 alert : List.of(pack, exhausted)) {
            events.publish(Topics.USAGE_ALERTS, new EventMetadata(alert.eventId(), UsageAlertV1.CLOUD_EVENT_TYPE,
                    "/usage-service", iccid, Instant.now()), alert);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 3);
        assertThat(GreenMailUtil.getBody(mailTo(address).get(2))).contains("You have no data left.");
        JsonPath log = deliveryLog(iccid);
        assertThat(log.getList("findAll { it.template == 'usage-data-100-more-left' }.channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS");
        assertThat(log.getList("findAll { it.template == 'usage-data-exhausted' }.channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS");
        assertThat(log.getList("findAll { it.template == 'usage-data-100' }")).isEmpty();
    }

    /** One GB of data, one minute of voice, one SMS. */
    private static long unit(String quota) {
        return switch (quota) {
            case "data" -> 1L << 30;
            case "voice" -> 60;
            default -> 1;
        };
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void valuesAreHtmlEscapedInTheHtmlPart() {
        EmailContent content = templates.render("subscription-activated", "en",
                new MessageParameters("<b>PLAN</b>", null, UNTIL, null, null, null, null, null, null, null));
        assertThat(content.html()).contains("&lt;b&gt;PLAN&lt;/b&gt;").doesNotContain("<b>PLAN");
        assertThat(content.text()).contains("<b>PLAN</b>");
    }

    @Test
    void whileTheSmtpServerIsDownEmailsWaitAndAreAllDeliveredWhenItReturns() {
        GreenMailSmtp.down();
        List<String> iccids = new ArrayList<>();
        String domain = "@down-" + UUID.randomUUID().toString().substring(0, 8) + ".example.nc";
        try {
            for (int i = 0; i < 3; i++) {
                String iccid = iccid();
                iccids.add(iccid);
                publish(iccid, SubscriptionEventType.EXPIRING_SOON, "customer" + i + domain, "fr",
                        metadata(iccid, SubscriptionEventType.EXPIRING_SOON));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String iccid : iccids) {
                    JsonPath log = deliveryLog(iccid);
                    assertThat(log.getList("findAll { it.channel == 'EMAIL' }.status")).containsExactly("RETRYING");
                }
            });
        } finally {
            GreenMailSmtp.up();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String iccid : iccids) {
                assertThat(deliveryLog(iccid).getList("findAll { it.channel == 'EMAIL' }.status")).containsExactly("SENT");
            }
        });
        for (int i = 0; i < 3; i++) {
            List<MimeMessage> mail = mailTo("customer" + i + domain);
            assertThat(mail).hasSize(1);
            assertThat(GreenMailUtil.getBody(mail.get(0))).isNotEmpty();
        }
    }

    private void insertClaimed(String iccid, String address, Instant leaseUntil) throws Exception {
        insertClaimed(iccid, address, leaseUntil, "another-host:8083");
    }

    private void insertClaimed(String iccid, String address, Instant leaseUntil, String claimedBy) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into notification (id, cause_event_id, cause_type, iccid, channel, destination, template,
                                               language, status, created_at, parameters, next_attempt_at, category, urgent,
                                               claimed_by)
                     values (?, ?, 'nc.esim.subscription.activated.v1', ?, 'EMAIL', ?, 'subscription-activated', 'en',
                             'SENDING', now(), '{"planCode":"TRAVEL-7D-10GB"}', ?, 'SERVICE', false, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, iccid);
            insert.setString(4, address);
            insert.setTimestamp(5, Timestamp.from(leaseUntil));
            insert.setString(6, claimedBy);
            insert.executeUpdate();
        }
    }

    @Test
    void anEmailClaimedByADispatcherThatCrashedIsSentWhenTheClaimsLeaseRunsOutAndALiveClaimIsLeftAlone() throws Exception {
        // what a dispatcher killed while sending leaves behind: SENDING rows, one whose lease ran out, one still held
        String crashed = iccid();
        String held = iccid();
        String crashedAddress = "crashed+" + UUID.randomUUID() + "@example.nc";
        String heldAddress = "held+" + UUID.randomUUID() + "@example.nc";
        insertClaimed(crashed, crashedAddress, Instant.now().minusSeconds(1));
        insertClaimed(held, heldAddress, Instant.now().plus(Duration.ofMinutes(10)));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(crashedAddress).size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveryLog(crashed)
                .getList("status")).containsExactly("SENT"));
        Thread.sleep(1_000); // several dispatch runs (every 0.2 s in tests)
        assertThat(mailTo(heldAddress)).isEmpty();
        assertThat(deliveryLog(held).getList("status")).containsExactly("SENDING");
        assertThat(mailTo(crashedAddress)).hasSize(1);
    }

    @Test
    void aRestartedInstanceReleasesTheClaimsItHeldBeforeItsCrashAtOnceAndLeavesOtherInstancesClaimsAlone()
            throws Exception {
        String mine = iccid();
        String theirs = iccid();
        String mineAddress = "mine+" + UUID.randomUUID() + "@example.nc";
        String theirsAddress = "theirs+" + UUID.randomUUID() + "@example.nc";
        insertClaimed(mine, mineAddress, Instant.now().plus(Duration.ofMinutes(10)), claims.instance());
        insertClaimed(theirs, theirsAddress, Instant.now().plus(Duration.ofMinutes(10)), "another-host:8083");

        claims.releaseFormerClaims(null); // what this instance does when it starts

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(mineAddress).size() == 1);
        Thread.sleep(1_000);
        assertThat(mailTo(theirsAddress)).isEmpty();
        assertThat(deliveryLog(theirs).getList("status")).containsExactly("SENDING");
    }
}
