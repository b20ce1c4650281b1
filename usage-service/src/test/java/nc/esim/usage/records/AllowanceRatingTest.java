package nc.esim.usage.records;

import static io.restassured.RestAssured.given;
import static nc.esim.usage.records.UsageTestSupport.awaitCdrs;
import static nc.esim.usage.records.UsageTestSupport.awaitSubscriptions;
import static nc.esim.usage.records.UsageTestSupport.data;
import static nc.esim.usage.records.UsageTestSupport.grant;
import static nc.esim.usage.records.UsageTestSupport.publish;
import static nc.esim.usage.records.UsageTestSupport.sms;
import static nc.esim.usage.records.UsageTestSupport.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.contracts.usage.UsageDailyV1;
import nc.esim.contracts.usage.UsageRecordedV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/** Rating against several allowances, re-rating, alerts and the rated stream, on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class AllowanceRatingTest {
    private static final LocalDate YESTERDAY = LocalDate.now(Zones.NOUMEA).minusDays(1);
    private static final Instant YESTERDAY_START = YESTERDAY.atStartOfDay(Zones.NOUMEA).toInstant();
    private static final EventPublisher events = RealInfrastructure.events();

    private static Instant yesterdayAt(int hour) {
        return YESTERDAY_START.plus(Duration.ofHours(hour));
    }

    private static <T> List<T> read(String topic, String iccid, int expected, Class<T> type) {
        return TopicReader.read(RealInfrastructure.broker().asAdmin(), topic, r -> iccid.equals(r.key()),
                expected, Duration.ofSeconds(expected == Integer.MAX_VALUE ? 5 : 30)).stream().map(r -> {
                    try {
                        return EventJson.read(r.value(), type);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void aDataSessionIsSplitAcrossAllowancesWhenTheOneThatExpiresFirstRunsOut() {
        int esim = 700;
        grant(events, esim, "ALW-700-SOON", 1_000, YESTERDAY_START.minus(Duration.ofDays(2)), YESTERDAY_START.plus(Duration.ofDays(2)));
        grant(events, esim, "ALW-700-LATER", 10_000, YESTERDAY_START.minus(Duration.ofDays(2)), YESTERDAY_START.plus(Duration.ofDays(30)));
        awaitSubscriptions();

        publish(events, data(esim, 7001, 1, yesterdayAt(10), 600), data(esim, 7001, 2, yesterdayAt(11), 700));
        awaitCdrs();

        JsonPath summary = summary(esim);
        assertThat(summary.getString("allowances[0].allowanceId")).isEqualTo("ALW-700-SOON");
        assertThat(summary.getLong("allowances[0].data.used")).isEqualTo(1_000);
        assertThat(summary.getInt("allowances[0].data.percent")).isEqualTo(100);
        assertThat(summary.getLong("allowances[1].data.used")).isEqualTo(300);
        assertThat(summary.getLong("outOfBundle.dataBytes")).isZero();
        assertThat(summary.getLong("totals.records")).isEqualTo(2);

        JsonPath records = given().get("/api/v1/usage/" + Subscribers.iccid(esim) + "/records").then().statusCode(200)
                .extract().jsonPath();
        assertThat(records.getInt("records[0].sequenceNumber")).isEqualTo(2); // newest first
        assertThat(records.getList("records[0].draws.allowanceId")).containsExactly("ALW-700-SOON", "ALW-700-LATER");
        assertThat(records.getList("records[0].draws.quantity", Long.class)).containsExactly(400L, 300L);
        assertThat(records.getList("records[1].draws.quantity", Long.class)).containsExactly(600L);

        List<UsageRecordedV1> rated = read(Topics.USAGE_RECORDED, Subscribers.iccid(esim), 2, UsageRecordedV1.class);
        assertThat(rated).extracting(UsageRecordedV1::sequenceNumber).containsExactlyInAnyOrder(1, 2);
        UsageRecordedV1 split = rated.stream().filter(r -> r.sequenceNumber() == 2).findFirst().orElseThrow();
        assertThat(split.draws()).containsExactly(new UsageRecordedV1.AllowanceDraw("ALW-700-SOON", 400),
                new UsageRecordedV1.AllowanceDraw("ALW-700-LATER", 300));
        assertThat(split.ratingVersion()).isEqualTo(1);
        assertThat(split.localDate()).isEqualTo(YESTERDAY.toString());
    }

    @Test
    void alertsAreRaisedOncePerAllowanceQuotaAndLevelEvenWhenTheRecordsAreSentAgain() {
        int esim = 701;
        String iccid = Subscribers.iccid(esim);
        grant(events, esim, "ALW-701", 1_000, YESTERDAY_START.minus(Duration.ofDays(2)), YESTERDAY_START.plus(Duration.ofDays(2)));
        awaitSubscriptions();
        CdrV1[] usage = {data(esim, 7011, 1, yesterdayAt(8), 500), data(esim, 7011, 2, yesterdayAt(9), 350),
            data(esim, 7011, 3, yesterdayAt(10), 400)};

        publish(events, usage);
        awaitCdrs();
        List<UsageAlertV1> alerts = read(Topics.USAGE_ALERTS, iccid, 3, UsageAlertV1.class);
        assertThat(alerts).extracting(UsageAlertV1::levelPercent, UsageAlertV1::kind).containsExactly(
                tuple(80, UsageAlertV1.Kind.QUOTA_LEVEL), tuple(100, UsageAlertV1.Kind.QUOTA_LEVEL),
                tuple(100, UsageAlertV1.Kind.DATA_EXHAUSTED)); // its only allowance: the line is out of data
        assertThat(alerts.get(0).used()).isEqualTo(850); // crossed 80 % with the second record
        assertThat(alerts.get(0).limit()).isEqualTo(1_000);
        // an analytics topic: the alert names the eSIM, never its number
        assertThat(TopicReader.read(RealInfrastructure.broker().asAdmin(), Topics.USAGE_ALERTS, r -> iccid.equals(r.key()),
                3, Duration.ofSeconds(10))).extracting(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(3).noneMatch(json -> json.contains("msisdn") || json.contains(Subscribers.msisdn(esim).substring(1)));

        publish(events, usage); // the carrier resends them all
        awaitCdrs();
        assertThat(read(Topics.USAGE_ALERTS, iccid, Integer.MAX_VALUE, UsageAlertV1.class)).hasSize(3);
        assertThat(summary(esim).getLong("outOfBundle.dataBytes")).isEqualTo(250);
        assertThat(read(Topics.USAGE_RECORDED, iccid, Integer.MAX_VALUE, UsageRecordedV1.class)).hasSize(3);
    }

    @Test
    void aCdrThatArrivesBeforeItsAllowanceIsReRatedWhenTheAllowanceArrives() {
        int esim = 702;
        String iccid = Subscribers.iccid(esim);
        publish(events, data(esim, 7021, 1, yesterdayAt(9), 5_000));
        awaitCdrs();
        assertThat(summary(esim).getLong("outOfBundle.dataBytes")).isEqualTo(5_000);

        grant(events, esim, "ALW-702", 3_000, YESTERDAY_START, YESTERDAY_START.plus(Duration.ofDays(3)));
        awaitSubscriptions();

        JsonPath summary = summary(esim);
        assertThat(summary.getLong("allowances[0].data.used")).isEqualTo(3_000);
        assertThat(summary.getLong("outOfBundle.dataBytes")).isEqualTo(2_000);
        assertThat(summary.getLong("outOfBundle.records")).isZero();
        assertThat(summary.getLong("totals.records")).isEqualTo(1);
        assertThat(summary.getLong("totals.dataBytes")).isEqualTo(5_000);
        JsonPath records = given().get("/api/v1/usage/" + iccid + "/records").then().statusCode(200).extract().jsonPath();
        assertThat(records.getLong("records[0].inBundle")).isEqualTo(3_000);
        assertThat(records.getLong("records[0].outOfBundle")).isEqualTo(2_000);
        // the day's usage moved into the bundle with the record: 3,000 in bundle, 2,000 still out of it
        JsonPath daily = given().get("/api/v1/usage/" + iccid + "/daily?from=" + YESTERDAY_START.atZone(Zones.NOUMEA).toLocalDate()
                + "&to=" + YESTERDAY_START.atZone(Zones.NOUMEA).toLocalDate()).then().statusCode(200).extract().jsonPath();
        assertThat(daily.getLong("days[0].dataBytes")).isEqualTo(5_000);
        assertThat(daily.getLong("days[0].outOfBundleDataBytes")).isEqualTo(2_000);
        assertThat(daily.getLong("days[0].records")).isEqualTo(1);

        List<UsageRecordedV1> ratings = read(Topics.USAGE_RECORDED, iccid, 2, UsageRecordedV1.class).stream()
                .sorted(Comparator.comparingInt(UsageRecordedV1::ratingVersion)).toList();
        assertThat(ratings).hasSize(2);
        assertThat(ratings.get(0).outOfBundle()).isEqualTo(5_000);
        assertThat(ratings.get(1).ratingVersion()).isEqualTo(2);
        assertThat(ratings.get(1).draws()).containsExactly(new UsageRecordedV1.AllowanceDraw("ALW-702", 3_000));
        assertThat(ratings.get(1).outOfBundle()).isEqualTo(2_000);
        // re-rating filled the quota: both alerts, once each, and the line out of data
        assertThat(read(Topics.USAGE_ALERTS, iccid, 3, UsageAlertV1.class)).extracting(UsageAlertV1::levelPercent,
                UsageAlertV1::kind).containsExactly(tuple(80, UsageAlertV1.Kind.QUOTA_LEVEL),
                tuple(100, UsageAlertV1.Kind.QUOTA_LEVEL), tuple(100, UsageAlertV1.Kind.DATA_EXHAUSTED));
    }

    @Test
    void aLateCdrLandsInTheAllowanceOfThePeriodItBelongsTo() {
        int esim = 703;
        grant(events, esim, "ALW-703-PAST", 1_000, YESTERDAY_START.minus(Duration.ofDays(10)), YESTERDAY_START.minus(Duration.ofDays(3)));
        grant(events, esim, "ALW-703-NOW", 1_000, YESTERDAY_START.minus(Duration.ofDays(3)), YESTERDAY_START.plus(Duration.ofDays(20)));
        awaitSubscriptions();

        publish(events, data(esim, 7031, 1, YESTERDAY_START.minus(Duration.ofDays(5)), 100), // five days late
                data(esim, 7032, 1, yesterdayAt(12), 200));
        awaitCdrs();

        JsonPath summary = summary(esim);
        assertThat(summary.getString("allowances[0].allowanceId")).isEqualTo("ALW-703-PAST");
        assertThat(summary.getLong("allowances[0].data.used")).isEqualTo(100);
        assertThat(summary.getBoolean("allowances[0].active")).isFalse();
        assertThat(summary.getLong("allowances[1].data.used")).isEqualTo(200);
        // and on its own day, five days back
        LocalDate lateDay = YESTERDAY_START.minus(Duration.ofDays(5)).atZone(Zones.NOUMEA).toLocalDate();
        given().get("/api/v1/usage/" + Subscribers.iccid(esim) + "/daily?from=" + lateDay + "&to=" + lateDay.plusDays(5))
                .then().statusCode(200).body("days[0].dataBytes", equalTo(100)).body("days[1].dataBytes", equalTo(0))
                .body("days[5].dataBytes", equalTo(200));
    }

    @Test
    void aPlanUsedUpWhileAPackHoldsDataSaysWhatIsLeftAndOnlyTheLastDataRaisesDataExhaustedOnce() {
        int esim = 707;
        String iccid = Subscribers.iccid(esim);
        grant(events, esim, "ALW-707-PLAN", 3_000, YESTERDAY_START.minus(Duration.ofDays(1)), YESTERDAY_START.plus(Duration.ofDays(20)));
        grant(events, esim, "ALW-707-PACK", 1_500, YESTERDAY_START.minus(Duration.ofDays(1)), YESTERDAY_START.plus(Duration.ofDays(21)));
        awaitSubscriptions();

        publish(events, data(esim, 7071, 1, yesterdayAt(9), 3_000)); // the plan, which expires first, is drawn on first
        awaitCdrs();
        List<UsageAlertV1> planAlerts = read(Topics.USAGE_ALERTS, iccid, 2, UsageAlertV1.class);
        assertThat(planAlerts).extracting(UsageAlertV1::allowanceId, UsageAlertV1::levelPercent, UsageAlertV1::kind,
                UsageAlertV1::dataLeftElsewhere).containsExactly(
                tuple("ALW-707-PLAN", 80, UsageAlertV1.Kind.QUOTA_LEVEL, 1_500L),
                tuple("ALW-707-PLAN", 100, UsageAlertV1.Kind.QUOTA_LEVEL, 1_500L));
        // one record took the plan from 0 to 100 %: its 100 % tells the customer, with what the pack holds
        assertThat(planAlerts).extracting(UsageAlertV1::toldByAnother).containsExactly(true, false);

        publish(events, data(esim, 7072, 1, yesterdayAt(10), 2_000), data(esim, 7073, 1, yesterdayAt(11), 10));
        awaitCdrs();
        List<UsageAlertV1> all = read(Topics.USAGE_ALERTS, iccid, 5, UsageAlertV1.class);
        assertThat(all.subList(2, 5)).extracting(UsageAlertV1::allowanceId, UsageAlertV1::levelPercent, UsageAlertV1::kind,
                UsageAlertV1::dataLeftElsewhere).containsExactly(
                tuple("ALW-707-PACK", 80, UsageAlertV1.Kind.QUOTA_LEVEL, 0L),
                tuple("ALW-707-PACK", 100, UsageAlertV1.Kind.QUOTA_LEVEL, 0L),
                tuple("ALW-707-PACK", 100, UsageAlertV1.Kind.DATA_EXHAUSTED, 0L));
        assertThat(all.get(3).toldByAnother()).isTrue();
        // more usage out of bundle, and the same records again, raise nothing more
        publish(events, data(esim, 7074, 1, yesterdayAt(12), 10), data(esim, 7072, 1, yesterdayAt(10), 2_000));
        awaitCdrs();
        assertThat(read(Topics.USAGE_ALERTS, iccid, Integer.MAX_VALUE, UsageAlertV1.class)).hasSize(5);
    }

    @Test
    void aClosedDayIsSentOnTheDailyStreamAndSentAgainWhenALateCdrChangesItButTheOpenDayIsNot() {
        int esim = 706;
        String iccid = Subscribers.iccid(esim);
        grant(events, esim, "ALW-706", 1L << 30, YESTERDAY_START.minus(Duration.ofDays(1)), YESTERDAY_START.plus(Duration.ofDays(29)));
        awaitSubscriptions();
        publish(events, data(esim, 7061, 1, yesterdayAt(9), 1_000), sms(esim, 7062, yesterdayAt(9), "+687770001"),
                data(esim, 7063, 1, YESTERDAY_START.plus(Duration.ofDays(1).plusSeconds(1)), 50)); // today, after midnight
        awaitCdrs();

        UsageDailyV1 first = read(Topics.USAGE_DAILY, iccid, 1, UsageDailyV1.class).get(0);
        assertThat(first.day()).isEqualTo(YESTERDAY);
        assertThat(first.dataBytes()).isEqualTo(1_000);
        assertThat(first.smsCount()).isEqualTo(1);
        assertThat(first.records()).isEqualTo(2);
        assertThat(first.outOfBundleDataBytes()).isZero();

        publish(events, data(esim, 7064, 1, yesterdayAt(22), 500)); // late for yesterday
        awaitCdrs();
        List<UsageDailyV1> both = read(Topics.USAGE_DAILY, iccid, 2, UsageDailyV1.class);
        assertThat(both).hasSize(2);
        UsageDailyV1 again = both.get(1);
        assertThat(again.day()).isEqualTo(YESTERDAY);
        assertThat(again.dataBytes()).isEqualTo(1_500);
        assertThat(again.records()).isEqualTo(3);
        assertThat(again.revision()).isGreaterThan(first.revision());
        // today is still open: never sent, however long one waits
        assertThat(read(Topics.USAGE_DAILY, iccid, Integer.MAX_VALUE, UsageDailyV1.class))
                .extracting(UsageDailyV1::day).containsOnly(YESTERDAY);
    }

    @Test
    void theRatedStreamCarriesCloudEventsIdsMadeOfTheRecordIdentity() {
        int esim = 704;
        String iccid = Subscribers.iccid(esim);
        publish(events, data(esim, 7041, 3, yesterdayAt(7), 42));
        awaitCdrs();

        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.USAGE_RECORDED, r -> iccid.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        long micros = yesterdayAt(7).getEpochSecond() * 1_000_000L;
        assertThat(CloudEventHeaders.text(records.get(0).headers(), CloudEventHeaders.ID))
                .contains("PGW-NOU-01/7041/3/" + micros + "/r1");
        assertThat(CloudEventHeaders.text(records.get(0).headers(), CloudEventHeaders.TYPE))
                .contains(UsageRecordedV1.CLOUD_EVENT_TYPE);
    }
}
