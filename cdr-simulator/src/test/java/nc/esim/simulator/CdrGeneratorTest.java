package nc.esim.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.cdr.CdrV1;

class CdrGeneratorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    /** Decodes records the way a strict consumer would: anything unreadable or invalid is skipped. */
    private static List<CdrV1> validRecords(List<SimulatedRecord> records) {
        List<CdrV1> valid = new ArrayList<>();
        for (SimulatedRecord record : records) {
            try {
                CdrV1 cdr = EventJson.read(record.value(), CdrV1.class);
                if (cdr.schemaVersion() == 1 && Identifiers.isValidIccid(cdr.iccid()) && cdr.type() != null
                        && cdr.uplinkBytes() >= 0 && cdr.durationSeconds() >= 0
                        && cdr.startTime().isBefore(DAY.plusDays(2).atStartOfDay(ZoneId.of("Pacific/Noumea")).toInstant())) {
                    valid.add(cdr);
                }
            } catch (IOException | IllegalArgumentException unreadable) {
                // malformed by design
            }
        }
        return valid;
    }

    private static List<SimulatedRecord> take(CdrGenerator generator, int n) {
        List<SimulatedRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(generator.next());
        }
        return records;
    }

    @Test
    void groundTruthEqualsTheSumOfDistinctValidRecordsDespiteDuplicatesAndMalformedOnes() {
        CdrGenerator generator = CdrGenerator.forDay(new SimulationProfile(0, 20, 7, DAY, 0.1, 0.05, 0.2, 0.05));
        List<SimulatedRecord> records = take(generator, 20_000);

        Map<String, long[]> totals = new HashMap<>();
        Set<String> identities = new HashSet<>();
        for (CdrV1 cdr : validRecords(records)) {
            if (!identities.add(cdr.recordingNode() + "/" + cdr.chargingId() + "/" + cdr.sequenceNumber())) {
                continue;
            }
            long[] t = totals.computeIfAbsent(cdr.iccid(), k -> new long[3]);
            switch (cdr.type()) {
                case DATA -> t[0] += cdr.totalBytes();
                case VOICE -> t[1] += cdr.durationSeconds();
                case SMS -> t[2] += 1;
            }
        }
        GroundTruth truth = generator.groundTruth();
        assertThat(truth.sentRecords()).isEqualTo(20_000);
        assertThat(truth.duplicates()).isGreaterThan(0);
        assertThat(truth.malformed()).isGreaterThan(0);
        assertThat(truth.distinctValidRecords()).isEqualTo(identities.size());
        assertThat(truth.totalsByIccid()).hasSameSizeAs(totals);
        totals.forEach((iccid, t) -> {
            GroundTruth.Totals expected = truth.totalsOf(iccid);
            assertThat(new long[] {expected.dataBytes(), expected.voiceSeconds(), expected.smsCount()})
                    .as(iccid).containsExactly(t);
        });
    }

    @Test
    void liveTrafficNeverDescribesUsageThatHasNotHappenedYet() throws IOException {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T06:00:00Z");
        CdrGenerator generator = CdrGenerator.live(SimulationProfile.clean(10, 3, DAY),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        for (int i = 0; i < 2_000; i++) {
            CdrV1 cdr = EventJson.read(generator.next().value(), CdrV1.class);
            assertThat(cdr.startTime().plusSeconds(cdr.durationSeconds())).as("end of part " + cdr.sequenceNumber())
                    .isBeforeOrEqualTo(now);
        }
    }

    @Test
    void liveTrafficOfNewEsimsStartsNoSessionBeforeTheyExistedNorEndsOneAfterNow() throws IOException {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T06:00:00Z");
        java.time.Instant sold = now.minusSeconds(90);
        CdrGenerator generator = CdrGenerator.liveSince(SimulationProfile.clean(10, 4, DAY),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), sold);
        for (int i = 0; i < 2_000; i++) {
            CdrV1 cdr = EventJson.read(generator.next().value(), CdrV1.class);
            assertThat(cdr.startTime()).isAfterOrEqualTo(sold);
            assertThat(cdr.startTime().plusSeconds(cdr.durationSeconds())).isBeforeOrEqualTo(now);
        }
    }

    @Test
    void sameSeedGivesTheSameRecords() {
        SimulationProfile profile = SimulationProfile.realistic(5, 42, DAY);
        List<SimulatedRecord> first = take(CdrGenerator.forDay(profile), 500);
        List<SimulatedRecord> second = take(CdrGenerator.forDay(profile), 500);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
        }
    }

    @Test
    void everyRecordIsKeyedByAValidIccidAndPartialRecordsShareAChargingId() {
        CdrGenerator generator = CdrGenerator.forDay(SimulationProfile.clean(3, 1, DAY));
        List<CdrV1> records = validRecords(take(generator, 2_000));
        assertThat(records).hasSize(2_000);
        assertThat(records).allSatisfy(cdr -> assertThat(Identifiers.isValidIccid(cdr.iccid())).isTrue());
        assertThat(records).anySatisfy(cdr -> assertThat(cdr.sequenceNumber()).isGreaterThan(1));
    }
}
