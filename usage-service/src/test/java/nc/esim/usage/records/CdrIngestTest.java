package nc.esim.usage.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.RejectionHeaders;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.GroundTruth;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;

/** CDRs through the real broker into the real database, checked against the simulator's ground truth. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class CdrIngestTest {
    private static final LocalDate YESTERDAY = LocalDate.now(Zones.NOUMEA).minusDays(1);
    private static final String CDR_GROUP = "usage-service.cdr-ingest";
    private static final EventPublisher events = RealInfrastructure.events();
    private static CdrPublisher cdrs;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void clients() {
        cdrs = new CdrPublisher(RealInfrastructure.broker().as(KafkaPrincipal.MEDIATION));
    }

    @AfterAll
    static void closeClients() {
        cdrs.close();
    }

    /** Tells usage-service, as billing would, that the eSIM has a generous allowance around yesterday. */
    private static void activate(int subscriber) {
        String iccid = Subscribers.iccid(subscriber);
        Instant from = YESTERDAY.minusDays(5).atStartOfDay(Zones.NOUMEA).toInstant();
        Instant until = YESTERDAY.plusDays(30).atStartOfDay(Zones.NOUMEA).toInstant();
        String order = "ORD-TEST-" + subscriber;
        SubscriptionEventV1 activated = new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED,
                UUID.randomUUID().toString(), iccid, Subscribers.msisdn(subscriber), "LOCAL-30D-50GB", order, "fr",
                null, new AllowanceV1(order, 1L << 50, 1L << 30, 1L << 30, from, until), from, null, null);
        events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.ACTIVATED.cloudEventType(),
                "/billing-service", iccid, from), activated);
    }

    private static JsonPath summary(String iccid) {
        return given().get("/api/v1/usage/" + iccid + "/summary").then().statusCode(200).extract().jsonPath();
    }

    private static void assertTotalsEqual(String iccid, GroundTruth.Totals expected) {
        JsonPath summary = summary(iccid);
        assertThat(summary.getLong("totals.dataBytes")).as("data of " + iccid).isEqualTo(expected.dataBytes());
        assertThat(summary.getLong("totals.voiceSeconds")).as("voice of " + iccid).isEqualTo(expected.voiceSeconds());
        assertThat(summary.getLong("totals.smsCount")).as("SMS of " + iccid).isEqualTo(expected.smsCount());
        assertThat(summary.getLong("totals.records")).as("records of " + iccid).isEqualTo(expected.records());
    }

    private static GroundTruth send(SimulationProfile profile, int records) {
        CdrGenerator generator = CdrGenerator.forDay(profile);
        cdrs.publish(generator, records, 0, () -> false);
        return generator.groundTruth();
    }

    @Test
    void everyDistinctCdrIsCountedOnceDespiteResentMalformedLateAndOutOfOrderRecords() {
        SimulationProfile profile = new SimulationProfile(100, 5, 11, YESTERDAY, 0.05, 0.02, 0.2, 0.02);
        for (int i = 100; i < 105; i++) {
            activate(i);
        }
        GroundTruth truth = send(profile, 3_000);
        assertThat(truth.duplicates()).isPositive();
        assertThat(truth.malformed()).isPositive();

        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));
        truth.totalsByIccid().forEach(CdrIngestTest::assertTotalsEqual);
    }

    @Test
    void publishingTheSameRecordsAgainChangesNoTotal() {
        SimulationProfile profile = SimulationProfile.realistic(3, 21, YESTERDAY).startingAt(200);
        for (int i = 200; i < 203; i++) {
            activate(i);
        }
        GroundTruth truth = send(profile, 1_000);
        Map<String, Object> admin = RealInfrastructure.broker().asAdmin();
        ConsumerLag.awaitCaughtUp(admin, CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));
        truth.totalsByIccid().forEach(CdrIngestTest::assertTotalsEqual);

        send(profile, 1_000); // the carrier resends the whole file
        ConsumerLag.awaitCaughtUp(admin, CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));
        truth.totalsByIccid().forEach(CdrIngestTest::assertTotalsEqual);
    }

    @Test
    void aResendOlderThanTheRecentlyCountedIdentitiesIsRefusedByTheUniqueIndexAndCountedOnce() {
        SimulationProfile profile = SimulationProfile.clean(2, 23, YESTERDAY).startingAt(250);
        GroundTruth truth = send(profile, 1_000); // 10 times what the test profile keeps per partition
        Map<String, Object> admin = RealInfrastructure.broker().asAdmin();
        ConsumerLag.awaitCaughtUp(admin, CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));
        truth.totalsByIccid().forEach(CdrIngestTest::assertTotalsEqual);

        double fallbacksBefore = fallbacks();
        send(profile, 1_000); // the carrier resends the file, long after
        ConsumerLag.awaitCaughtUp(admin, CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));

        truth.totalsByIccid().forEach(CdrIngestTest::assertTotalsEqual);
        assertThat(fallbacks()).as("batches counted again with lookups after the unique index refused one")
                .isGreaterThan(fallbacksBefore);
        // and a refused load sent no rated event: one per distinct record, none for the resend
        long distinct = truth.totalsByIccid().values().stream().mapToLong(GroundTruth.Totals::records).sum();
        List<ConsumerRecord<String, byte[]>> rated = TopicReader.read(admin, Topics.USAGE_RECORDED,
                r -> truth.totalsByIccid().containsKey(r.key()), (int) distinct + 1, Duration.ofSeconds(10));
        assertThat(rated).hasSize((int) distinct);
    }

    private double fallbacks() {
        Counter counter = metrics.find("esim.cdr.lookup.fallbacks").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void usageOfAnEsimWithNoAllowanceIsCountedOutOfBundle() {
        GroundTruth truth = send(SimulationProfile.clean(1, 31, YESTERDAY).startingAt(300), 200);
        String iccid = Subscribers.iccid(300);
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));

        assertTotalsEqual(iccid, truth.totalsOf(iccid));
        JsonPath summary = summary(iccid);
        assertThat(summary.getList("allowances")).isEmpty();
        assertThat(summary.getLong("outOfBundle.dataBytes")).isEqualTo(truth.totalsOf(iccid).dataBytes());
    }

    @Test
    void usageWithinAnAllowanceIsCountedAgainstItsQuota() {
        activate(400);
        String iccid = Subscribers.iccid(400);
        GroundTruth truth = send(SimulationProfile.clean(1, 41, YESTERDAY).startingAt(400), 300);
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));

        JsonPath summary = summary(iccid);
        assertThat(summary.getLong("allowances[0].data.used")).isEqualTo(truth.totalsOf(iccid).dataBytes());
        assertThat(summary.getLong("allowances[0].data.remaining"))
                .isEqualTo((1L << 50) - truth.totalsOf(iccid).dataBytes());
        assertThat(summary.getString("msisdn")).isEqualTo(Subscribers.msisdn(400));
        assertThat(summary.getLong("outOfBundle.records")).isZero();
    }

    @Test
    void cdrsThatCannotBeAcceptedAreKeptOnTheRejectedTopicWithTheirReasonAndOriginalBytes() {
        String iccid = Subscribers.iccid(500);
        byte[] truncated = "{\"schemaVersion\":1,\"iccid\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] future = ("{\"schemaVersion\":1,\"recordingNode\":\"PGW-NOU-01\",\"chargingId\":1,\"sequenceNumber\":1,"
                + "\"iccid\":\"" + iccid + "\",\"type\":\"DATA\",\"startTime\":\"2099-01-01T00:00:00Z\","
                + "\"uplinkBytes\":1,\"downlinkBytes\":1,\"durationSeconds\":1}").getBytes(StandardCharsets.UTF_8);
        events.publishRaw(Topics.CDR, iccid, truncated);
        events.publishRaw(Topics.CDR, iccid, future);

        List<ConsumerRecord<String, byte[]>> rejected = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.CDR_REJECTED, r -> iccid.equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).value()).isEqualTo(truncated);
        assertThat(CloudEventHeaders.text(rejected.get(0).headers(), RejectionHeaders.REASON)).contains("MALFORMED_JSON");
        assertThat(rejected.get(1).value()).isEqualTo(future);
        assertThat(CloudEventHeaders.text(rejected.get(1).headers(), RejectionHeaders.REASON)).contains("FUTURE_TIMESTAMP");
        assertThat(CloudEventHeaders.text(rejected.get(1).headers(), RejectionHeaders.REJECTED_BY)).contains("usage-service");
        // and nothing was counted
        given().get("/api/v1/usage/" + iccid + "/summary").then().statusCode(404);
    }

    @Test
    void aHugeCompressedCdrCannotStallItsPartitionItIsKeptAsATruncatedCopyAndTheNextRecordIsCounted() throws Exception {
        int esim = 510;
        String iccid = Subscribers.iccid(esim);
        Instant start = YESTERDAY.atTime(10, 0).atZone(Zones.NOUMEA).toInstant();
        // 2 MB of JSON that gzip makes small enough for the broker, which checks only compressed batches
        byte[] huge = new String(EventJson.write(UsageTestSupport.data(esim, 51_001, 1, start, 1_000_000)),
                StandardCharsets.UTF_8).replace("{", "{\"padding\":\"" + "x".repeat(2_000_000) + "\",")
                .getBytes(StandardCharsets.UTF_8);
        byte[] normal = EventJson.write(UsageTestSupport.data(esim, 51_002, 1, start.plusSeconds(60), 700));
        Map<String, Object> config = new java.util.HashMap<>(RealInfrastructure.broker().as(KafkaPrincipal.MEDIATION));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        try (KafkaProducer<String, byte[]> mediation = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            mediation.send(new ProducerRecord<>(Topics.CDR, iccid, huge)).get(30, TimeUnit.SECONDS);
            mediation.send(new ProducerRecord<>(Topics.CDR, iccid, normal)).get(30, TimeUnit.SECONDS);
        }
        ConsumerLag.awaitCaughtUp(RealInfrastructure.broker().asAdmin(), CDR_GROUP, Topics.CDR, Duration.ofSeconds(60));

        assertThat(summary(iccid).getLong("outOfBundle.dataBytes")).isEqualTo(700); // the record behind it, alone
        List<ConsumerRecord<String, byte[]>> rejected = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.CDR_REJECTED, r -> iccid.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(rejected).hasSize(1);
        ConsumerRecord<String, byte[]> copy = rejected.get(0);
        assertThat(CloudEventHeaders.text(copy.headers(), RejectionHeaders.REASON)).contains("TOO_LARGE");
        assertThat(copy.value()).hasSize(64 * 1024).isEqualTo(java.util.Arrays.copyOf(huge, 64 * 1024));
        assertThat(CloudEventHeaders.text(copy.headers(), RejectionHeaders.ORIGINAL_SIZE)).contains(String.valueOf(huge.length));
        assertThat(CloudEventHeaders.text(copy.headers(), RejectionHeaders.ORIGINAL_SHA256)).contains(
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(huge)));
    }

    @Test
    void aCdrNotKeyedByItsIccidIsRejectedNotCounted() {
        int esim = 520;
        String iccid = Subscribers.iccid(esim);
        byte[] cdr = EventJson.write(UsageTestSupport.data(esim, 52_001, 1,
                YESTERDAY.atTime(11, 0).atZone(Zones.NOUMEA).toInstant(), 900));
        events.publishRaw(Topics.CDR, Subscribers.iccid(521), cdr);
        events.publishRaw(Topics.CDR, null, cdr);
        List<ConsumerRecord<String, byte[]>> rejected = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.CDR_REJECTED, r -> r.value() != null && java.util.Arrays.equals(r.value(), cdr), 2, Duration.ofSeconds(30));
        assertThat(rejected).hasSize(2).allSatisfy(r -> assertThat(CloudEventHeaders.text(r.headers(), RejectionHeaders.REASON))
                .contains("KEY_MISMATCH"));
        given().get("/api/v1/usage/" + iccid + "/summary").then().statusCode(404);
    }

    @Test
    void aSubscriptionEventWithoutCloudEventsHeadersIsRejectedNotApplied() {
        String iccid = Subscribers.iccid(600);
        events.publishRaw(Topics.SUBSCRIPTION, iccid, "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> rejected = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION_REJECTED, r -> iccid.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(rejected).hasSize(1);
        assertThat(CloudEventHeaders.text(rejected.get(0).headers(), RejectionHeaders.REASON))
                .contains("MISSING_CLOUDEVENTS_METADATA");
        // and usage-service learnt nothing about this eSIM from it
        given().get("/api/v1/usage/" + iccid + "/summary").then().statusCode(404);
    }

    @Test
    void aMalformedSubscriptionFactIsRejectedWithWhatIsWrongNotDroppedSilently() {
        String badLuhn = Subscribers.iccid(610).substring(0, 18) + ((Subscribers.iccid(610).charAt(18) - '0' + 1) % 10);
        String noAllowance = Subscribers.iccid(611);
        Instant now = Instant.now();
        for (String iccid : List.of(badLuhn, noAllowance)) {
            AllowanceV1 allowance = iccid.equals(badLuhn) ? new AllowanceV1("ALW-" + iccid, 1L << 30, 0, 0, now,
                    now.plus(Duration.ofDays(30))) : null;
            events.publish(Topics.SUBSCRIPTION, new EventMetadata(java.util.UUID.randomUUID().toString(),
                    SubscriptionEventType.ACTIVATED.cloudEventType(), "/billing-service", iccid, now),
                    new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED, "SUB-" + iccid, iccid, "+687610610",
                            "TRAVEL-3D-3GB", "ORD-" + iccid, "fr", null, allowance, now, null, false));
        }
        List<ConsumerRecord<String, byte[]>> rejected = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION_REJECTED, r -> badLuhn.equals(r.key()) || noAllowance.equals(r.key()), 2,
                Duration.ofSeconds(30));
        assertThat(rejected).hasSize(2).allSatisfy(r -> assertThat(CloudEventHeaders.text(r.headers(), RejectionHeaders.REASON))
                .contains("INVALID_EVENT"));
        assertThat(rejected).extracting(r -> CloudEventHeaders.text(r.headers(), RejectionHeaders.DETAIL).orElseThrow())
                .containsExactlyInAnyOrder("iccid is not an 89687 ICCID with a valid Luhn digit",
                        "ACTIVATED must carry the allowance it grants or changes");
        given().get("/api/v1/usage/" + noAllowance + "/summary").then().statusCode(404);
    }

    @Test
    void aNonIccidIsABadRequestProblemAndAnUnknownOneNotFoundAlikeForSummaryDailyBreakdownAndRecords() {
        given().get("/api/v1/usage/1234/summary").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:invalid-iccid"));
        String unknown = "/api/v1/usage/" + Subscribers.iccid(999_999);
        for (String path : List.of("/summary", "/daily", "/records", "/records/export")) {
            given().get(unknown + path).then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:unknown-iccid"));
        }
    }

}
