package nc.esim.usage.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.usage.UsageConfig;

class CdrValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final String ICCID = Identifiers.withLuhnDigit("896870100000000042");

    private final CdrValidator validator = new CdrValidator(new UsageConfig.Ingest() {
        public int consumers() { return 1; }
        public int recentIdentitiesPerPartition() { return 100; }
        public int maxBatch() { return 2000; }
        public Duration maxClockSkew() { return Duration.ofHours(1); }
        public Duration maxAge() { return Duration.ofDays(60); }
        public Duration maxRecordDuration() { return Duration.ofHours(24); }
        public long maxRecordBytes() { return 1L << 40; }
        public int maxCdrSizeBytes() { return 16_384; }
    });

    private static CdrV1 data(String iccid, long up, long seconds, Instant start) {
        return new CdrV1(1, "PGW-NOU-01", 7, 1, iccid, "+687771234", UsageType.DATA, start, up, 100, seconds, null, true);
    }

    private CdrCheck check(String json) {
        return validator.check(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private CdrRejectionReason reasonOf(CdrCheck check) {
        assertThat(check).isInstanceOf(CdrCheck.Refused.class);
        return ((CdrCheck.Refused) check).reason();
    }

    @Test
    void aWellFormedCdrWithUnknownExtraFieldsIsAccepted() {
        String json = new String(EventJson.write(data(ICCID, 10, 60, NOW.minusSeconds(60))), StandardCharsets.UTF_8)
                .replace("{", "{\"apn\":\"internet.nc\",");
        assertThat(check(json)).isInstanceOf(CdrCheck.Accepted.class);
    }

    @Test
    void aCdrKeyedByAnythingButItsIccidOrByNothingIsRefused() {
        byte[] cdr = EventJson.write(data(ICCID, 10, 60, NOW.minusSeconds(60)));
        assertThat(validator.check(ICCID, cdr, NOW)).isInstanceOf(CdrCheck.Accepted.class);
        assertThat(reasonOf(validator.check(Identifiers.withLuhnDigit("896870100000000043"), cdr, NOW)))
                .isEqualTo(CdrRejectionReason.KEY_MISMATCH);
        assertThat(reasonOf(validator.check(null, cdr, NOW))).isEqualTo(CdrRejectionReason.KEY_MISMATCH);
    }

    @Test
    void aValueLargerThanTheMaximumIsRefusedBeforeItIsParsed() {
        String padded = new String(EventJson.write(data(ICCID, 10, 60, NOW.minusSeconds(60))), StandardCharsets.UTF_8)
                .replace("{", "{\"padding\":\"" + "x".repeat(20_000) + "\",");
        assertThat(reasonOf(validator.check(ICCID, padded.getBytes(StandardCharsets.UTF_8), NOW)))
                .isEqualTo(CdrRejectionReason.TOO_LARGE);
    }

    @Test
    void truncatedJsonIsRefusedAsMalformed() {
        assertThat(reasonOf(check("{\"schemaVersion\":1,\"iccid\":"))).isEqualTo(CdrRejectionReason.MALFORMED_JSON);
        assertThat(reasonOf(validator.check(new byte[0], NOW))).isEqualTo(CdrRejectionReason.MALFORMED_JSON);
    }

    @Test
    void anUnknownUsageTypeIsRefusedAsAnInvalidField() {
        String json = new String(EventJson.write(data(ICCID, 10, 60, NOW)), StandardCharsets.UTF_8)
                .replace("\"DATA\"", "\"FAX\"");
        assertThat(reasonOf(check(json))).isEqualTo(CdrRejectionReason.INVALID_FIELD);
    }

    @Test
    void aRecordTheDatabaseCouldNotStoreIsRefusedInsteadOfStallingItsPartition() {
        String nul = new String(EventJson.write(data(ICCID, 10, 60, NOW)), StandardCharsets.UTF_8)
                .replace("\"PGW-NOU-01\"", "\"PGW\\u0000NOU\"");
        String longNode = new String(EventJson.write(data(ICCID, 10, 60, NOW)), StandardCharsets.UTF_8)
                .replace("\"PGW-NOU-01\"", "\"" + "P".repeat(65) + "\"");
        CdrV1 call = new CdrV1(1, "MSC-NOU-01", 7, 1, ICCID, "+687771234", UsageType.VOICE, NOW, 0, 0, 60,
                "+687\n771234", true);

        assertThat(reasonOf(check(nul))).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(reasonOf(check(longNode))).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(reasonOf(check(new String(EventJson.write(call), StandardCharsets.UTF_8))))
                .isEqualTo(CdrRejectionReason.INVALID_FIELD);
    }

    @Test
    void anotherSchemaVersionIsRefused() {
        String json = new String(EventJson.write(data(ICCID, 10, 60, NOW)), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(reasonOf(check(json))).isEqualTo(CdrRejectionReason.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void anIccidWithABadCheckDigitIsRefused() {
        String bad = ICCID.substring(0, 18) + (char) ('0' + (ICCID.charAt(18) - '0' + 1) % 10);
        assertThat(reasonOf(validator.check(EventJson.write(data(bad, 10, 60, NOW)), NOW)))
                .isEqualTo(CdrRejectionReason.INVALID_ICCID);
    }

    @Test
    void negativeBytesAndAbsurdDurationsAreRefused() {
        assertThat(reasonOf(validator.check(EventJson.write(data(ICCID, -1, 60, NOW)), NOW)))
                .isEqualTo(CdrRejectionReason.NEGATIVE_QUANTITY);
        assertThat(reasonOf(validator.check(EventJson.write(data(ICCID, 1, 3 * 86_400, NOW)), NOW)))
                .isEqualTo(CdrRejectionReason.IMPLAUSIBLE_QUANTITY);
    }

    @Test
    void timestampsFarInTheFutureOrBeyondRetentionAreRefused() {
        assertThat(reasonOf(validator.check(EventJson.write(data(ICCID, 1, 60, NOW.plus(Duration.ofDays(1)))), NOW)))
                .isEqualTo(CdrRejectionReason.FUTURE_TIMESTAMP);
        assertThat(reasonOf(validator.check(EventJson.write(data(ICCID, 1, 60, NOW.minus(Duration.ofDays(90)))), NOW)))
                .isEqualTo(CdrRejectionReason.TOO_OLD);
    }

    @Test
    void aLateRecordOfThreeDaysAgoIsStillAccepted() {
        assertThat(validator.check(EventJson.write(data(ICCID, 1, 60, NOW.minus(Duration.ofDays(3)))), NOW))
                .isInstanceOf(CdrCheck.Accepted.class);
    }

    @Test
    void aMissingIccidIsRefusedAsAMissingField() {
        assertThat(reasonOf(validator.check(EventJson.write(data(null, 1, 60, NOW)), NOW)))
                .isEqualTo(CdrRejectionReason.MISSING_FIELD);
    }
}
