package nc.esim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.GroundTruth;
import nc.esim.simulator.SimulationProfile;

/**
 * usage-service's exactly-once accounting against what goes wrong in production: a replay of the CDR
 * topic from offset 0, a broker restart and lost database connections, each in the middle of ingest.
 * The packaged services run in their own JVMs on the real broker and database.
 */
class UsageResilienceIT {
    private static final String INGEST_GROUP = "usage-service.cdr-ingest";
    private static final int SUBSCRIBERS = 5;

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("resilience", workDir);
        platform = e2e.platform;
    }

    @AfterAll
    static void stopPlatform() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private static Map<String, Object> asAdmin() {
        return platform.broker().asAdmin();
    }

    private static void awaitIngested() {
        ConsumerLag.awaitCaughtUp(asAdmin(), INGEST_GROUP, Topics.CDR, Duration.ofSeconds(180));
    }

    private static void assertExact(GroundTruth truth) {
        truth.totalsByIccid().forEach(e2e::assertUsageTotals);
    }

    /** Live traffic from a carrier at {@code perSecond}, on a thread of its own. */
    private static Thread carrier(CdrGenerator generator, int records, int perSecond) {
        Thread carrier = new Thread(() -> {
            try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
                publisher.publish(generator, records, perSecond, () -> false);
            }
        }, "carrier");
        carrier.start();
        return carrier;
    }

    private static CdrGenerator traffic(int first, long seed) {
        return CdrGenerator.live(SimulationProfile.realistic(SUBSCRIBERS, seed, LocalDate.now(Zones.NOUMEA))
                .startingAt(first), Clock.systemUTC());
    }

    @Test
    void aReplayOfTheCdrTopicFromOffsetZeroChangesNoTotalAndPublishesNoRatingAgain() throws Exception {
        CdrGenerator generator = traffic(3_000, 31);
        try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
            publisher.publish(generator, 5_000, 0, () -> false);
        }
        GroundTruth truth = generator.groundTruth();
        awaitIngested();
        assertExact(truth);

        platform.stopAndRestart("usage-service", UsageResilienceIT::rewindIngestToOffsetZero);
        awaitIngested();

        assertExact(truth);
        String first = truth.totalsByIccid().keySet().iterator().next();
        long distinct = truth.totalsOf(first).records();
        assertThat(TopicReader.read(asAdmin(), Topics.USAGE_RECORDED, r -> first.equals(r.key()),
                (int) distinct + 1, Duration.ofSeconds(10))).as("rated records of " + first).hasSize((int) distinct);
    }

    private static void rewindIngestToOffsetZero() {
        try (Admin admin = platform.broker().admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            int partitions = admin.describeTopics(java.util.List.of(Topics.CDR)).allTopicNames().get()
                    .get(Topics.CDR).partitions().size();
            for (int p = 0; p < partitions; p++) {
                start.put(new TopicPartition(Topics.CDR, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(INGEST_GROUP, start).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not rewind " + INGEST_GROUP, e);
        }
    }

    @Test
    void aBrokerRestartInTheMiddleOfIngestLosesNothingAndCountsNothingTwice() throws Exception {
        CdrGenerator generator = traffic(3_100, 37);
        Thread carrier = carrier(generator, 16_000, 2_000); // about 8 s of traffic
        Thread.sleep(2_500);
        platform.restartBroker(Duration.ofSeconds(3));
        carrier.join();

        awaitIngested();
        assertExact(generator.groundTruth());
    }

    @Test
    void databaseConnectionsLostInTheMiddleOfIngestLoseNothingAndCountNothingTwice() throws Exception {
        CdrGenerator generator = traffic(3_200, 41);
        Thread carrier = carrier(generator, 16_000, 2_000);
        int terminated = 0;
        for (int i = 0; i < 3; i++) {
            Thread.sleep(2_000);
            terminated += terminateBackends(e2e.database("usage-service"));
        }
        carrier.join();
        assertThat(terminated).as("connections cut while ingesting").isPositive();

        awaitIngested();
        assertExact(generator.groundTruth());
        given().get(platform.service("usage-service").url("/q/health/ready")).then().statusCode(200);
    }

    /** What a database restart looks like from the service: every connection of its database is cut. */
    private static int terminateBackends(String database) throws Exception {
        try (Connection connection = platform.postgres().connect("postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
