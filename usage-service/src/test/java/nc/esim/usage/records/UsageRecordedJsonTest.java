package nc.esim.usage.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageRecordedV1;

/** The hand-written writer must stay byte for byte what the contract's data binding writes. */
class UsageRecordedJsonTest {

    private static void assertSameBytes(UsageRecordedV1 event) {
        assertThat(new String(UsageRecordedJson.write(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(EventJson.write(event), StandardCharsets.UTF_8));
    }

    @Test
    void anOutOfBundleRecordWithoutDrawsIsWrittenAsTheContractWritesIt() {
        assertSameBytes(new UsageRecordedV1(1, "MSC-NOU-02", 4_000_000_123L, 7, "8968701000000000425", UsageType.VOICE,
                Instant.parse("2026-11-22T10:15:30Z"), "2026-11-22", 600, List.of(), 600, 1));
    }

    @Test
    void aRecordSplitAcrossAllowancesWithAFractionalStartAndEscapedTextIsWrittenAsTheContractWritesIt() {
        assertSameBytes(new UsageRecordedV1(1, "PGW \"NOU\"/é\\01", 0, 1, "8968701000000000425", UsageType.DATA,
                Instant.parse("2026-11-22T12:59:59.123456Z"), "2026-11-22", 5_000_000_000L,
                List.of(new UsageRecordedV1.AllowanceDraw("ORD-20261122-000001", 1_000_000_000L),
                        new UsageRecordedV1.AllowanceDraw("ORD-20261122-000002", 3_000_000_000L)),
                1_000_000_000L, 3));
        assertSameBytes(new UsageRecordedV1(1, "SMSC-1", Long.MAX_VALUE, Integer.MAX_VALUE, "8968701000000000425",
                UsageType.SMS, Instant.parse("2026-11-22T00:00:00.100Z"), "2026-11-22", 1,
                List.of(new UsageRecordedV1.AllowanceDraw("ORD-1", 1)), 0, 1));
    }

    @Test
    void theLocalDateOfARecordIsItsNoumeaCalendarDayIncludingAroundMidnightAndInTheYearsOfSummerTime() {
        UsageRecordedStream.LocalDates localDates = new UsageRecordedStream.LocalDates();
        Random random = new Random(7);
        List<Instant> starts = new ArrayList<>(List.of(
                Instant.parse("2026-11-22T12:59:59.999999Z"), Instant.parse("2026-11-22T13:00:00Z"), // Nouméa midnight
                Instant.parse("1978-12-03T12:30:00Z"), Instant.parse("1979-02-26T12:30:00Z"))); // Nouméa summer time
        for (int i = 0; i < 10_000; i++) {
            starts.add(Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000) * 1_000L));
        }
        for (Instant start : starts) {
            assertThat(localDates.of(start)).as(start.toString())
                    .isEqualTo(LocalDate.ofInstant(start, Zones.NOUMEA).toString());
        }
    }
}
