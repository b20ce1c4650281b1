package nc.esim.notification.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.notification.email.GreenMailSmtp;

/**
 * The morning flush: non-urgent SMS that came in quiet hours wait, stored, for their end; when the service's
 * clock passes it they all go, paced to the SMS centre's rate, none lost and none twice.
 */
@QuarkusTest
@TestProfile(MorningFlushTest.QuietNowAndAPaceOfTen.class)
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
@QuarkusTestResource(SmscResource.class)
class MorningFlushTest {
    private static final LocalTime QUIET_END = LocalTime.now(Zones.NOUMEA).plusHours(1).withSecond(0).withNano(0);
    private static final Path CLOCK = clockFile();
    private static final int MESSAGES = 40;
    private static final int PACE = 10;

    /** Quiet hours around now in Nouméa, a clock moved through a file (read every second), 10 SMS a second. */
    public static class QuietNowAndAPaceOfTen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.sms.quiet-hours.start", QUIET_END.minusHours(2).toString(),
                    "notification.sms.quiet-hours.end", QUIET_END.toString(),
                    "notification.sms.throughput-per-second", String.valueOf(PACE),
                    "esim.clock.offset-file", CLOCK.toString());
        }
    }

    private static Path clockFile() {
        try {
            Path file = Files.createTempDirectory("morning-flush-").resolve("clock-offset");
            Platform.writeClockOffset(file, Duration.ZERO);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> smsStatuses(String iccid) {
        return given().queryParam("iccid", iccid).get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'SMS' }.status");
    }

    @Test
    void smsDeferredByQuietHoursAllGoWhenTheClockPassesTheirEndAtTheSmsCentresPaceNoneLostNoneTwice() {
        List<String> iccids = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        Instant now = Instant.now();
        for (int i = 0; i < MESSAGES; i++) {
            String iccid = Identifiers.withLuhnDigit("8968704" + String.format("%011d", 700 + i));
            String msisdn = "+68732" + String.format("%04d", i + 1); // never 0000: the simulator does not deliver those
            iccids.add(iccid);
            numbers.add(msisdn.substring(1));
            RealInfrastructure.events().publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(
                            SubscriptionEventType.RENEWED.cloudEventType(), "/billing-service", iccid, now),
                    new SubscriptionEventV1(1, SubscriptionEventType.RENEWED, UUID.randomUUID().toString(), iccid,
                            msisdn, "TRAVEL-7D-10GB", "ORD-20261122-0007" + i, "en", null,
                            new AllowanceV1("ORD-20261122-0007" + i, 10L << 30, 6_000, 100, now,
                                    now.plus(Duration.ofDays(7))), now, "SHOP-1", false));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String iccid : iccids) {
                assertThat(smsStatuses(iccid)).as(iccid).containsExactly("QUEUED");
            }
        });
        assertThat(flushed(numbers)).isEmpty();

        // the clock passes the end of quiet hours
        java.time.ZonedDateTime localEnd = Instant.now().atZone(Zones.NOUMEA).with(QUIET_END);
        Instant end = (localEnd.isBefore(Instant.now().atZone(Zones.NOUMEA)) ? localEnd.plusDays(1) : localEnd)
                .toInstant(); // an end past midnight is tomorrow's
        Platform.writeClockOffset(CLOCK, Duration.between(Instant.now(), end).plusSeconds(5));
        long released = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> flushed(numbers).size() >= MESSAGES);
        double seconds = (System.nanoTime() - released) / 1e9;

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> flushed(numbers).size() == MESSAGES);
        assertThat(new HashSet<>(flushed(numbers))).hasSize(MESSAGES); // each number once
        // paced: 40 at 10 a second cannot go in much less than the 3 s after the bucket's first 10
        assertThat(seconds).isGreaterThan((MESSAGES - PACE) / (double) PACE * 0.9);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String iccid : iccids) {
                assertThat(smsStatuses(iccid)).as(iccid).containsExactly("DELIVERED");
            }
        });
    }

    private static List<String> flushed(Set<String> numbers) {
        return SmscResource.smsc().messages().stream().map(SmscSimulator.Message::destination).filter(numbers::contains)
                .toList();
    }
}
