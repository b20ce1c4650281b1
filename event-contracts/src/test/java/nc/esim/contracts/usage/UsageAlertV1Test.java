package nc.esim.contracts.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageAlertV1.Kind;

/** Which alerts leave the customer's message to another one raised with them. */
class UsageAlertV1Test {
    private static final Instant AT = Instant.parse("2026-12-03T01:00:00Z");

    private static UsageAlertV1 alert(int level, long used, long limit, Kind kind, long elsewhere) {
        return new UsageAlertV1(1, "8968700000000000001", "ALW-1", UsageType.DATA, level, used, limit, AT, kind, elsewhere);
    }

    @Test
    void anEightyPercentOneRecordTookStraightToTheWholeQuotaIsToldByTheHundred() {
        assertThat(alert(80, 100, 100, Kind.QUOTA_LEVEL, 0).toldByAnother()).isTrue();
        assertThat(alert(80, 85, 100, Kind.QUOTA_LEVEL, 0).toldByAnother()).isFalse();
    }

    @Test
    void aHundredPercentOfDataIsToldByTheLinesExhaustionUnlessDataIsLeftElsewhere() {
        assertThat(alert(100, 100, 100, Kind.QUOTA_LEVEL, 0).toldByAnother()).isTrue();
        assertThat(alert(100, 100, 100, Kind.QUOTA_LEVEL, 50).toldByAnother()).isFalse();
        assertThat(alert(100, 100, 100, Kind.DATA_EXHAUSTED, 0).toldByAnother()).isFalse();
    }

    @Test
    void aRecordFromBeforeKindsExistedIsNeverLeftToAnotherAndReadsAsAQuotaLevel() throws Exception {
        UsageAlertV1 old = EventJson.read("""
                {"schemaVersion":1,"iccid":"8968700000000000001","allowanceId":"ALW-1","quota":"DATA",
                 "levelPercent":100,"used":100,"limit":100,"crossedAt":"2026-12-01T00:00:00Z","msisdn":"+687771234"}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), UsageAlertV1.class);
        assertThat(old.kind()).isNull();
        assertThat(old.kindOrDefault()).isEqualTo(Kind.QUOTA_LEVEL);
        assertThat(old.toldByAnother()).isFalse();
        assertThat(old.eventId()).isEqualTo("ALW-1/DATA/100");
        assertThat(alert(100, 100, 100, Kind.DATA_EXHAUSTED, 0).eventId()).isEqualTo("ALW-1/DATA/exhausted");
    }
}
