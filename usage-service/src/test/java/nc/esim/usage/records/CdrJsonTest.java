package nc.esim.usage.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;

/** The streaming CDR reader reads what the contract writes, and refuses the rest with the right reason. */
class CdrJsonTest {
    private static final CdrV1 VOICE = new CdrV1(1, "MSC-NOU-02", 4_000_000_123L, 3, "8968701000000000425", "+687771234",
            UsageType.VOICE, Instant.parse("2026-11-22T10:15:30.123456Z"), 0, 0, 600, "+33612345678", true);

    private static CdrV1 read(String json) throws CdrJson.Unreadable {
        return CdrJson.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(CdrV1 cdr) {
        return new String(EventJson.write(cdr), StandardCharsets.UTF_8);
    }

    private static CdrRejectionReason refusal(String json) {
        try {
            read(json);
        } catch (CdrJson.Unreadable e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void whatTheContractWritesReadsBackEqualAndUnknownFieldsOfAnyShapeAreSkipped() throws Exception {
        assertThat(CdrJson.read(EventJson.write(VOICE))).isEqualTo(VOICE);
        String extra = json(VOICE).replace("{", "{\"apn\":{\"name\":\"internet.nc\",\"ids\":[1,2,{\"x\":null}]},\"qos\":[9],");
        assertThat(read(extra)).isEqualTo(VOICE);
    }

    @Test
    void absentAndNullFieldsTakeTheirDefaultsForTheValidatorToJudge() throws Exception {
        CdrV1 sparse = read("{\"schemaVersion\":1,\"iccid\":null,\"lastPartial\":null,\"chargingId\":null}");
        assertThat(sparse).isEqualTo(new CdrV1(1, null, 0, 0, null, null, null, null, 0, 0, 0, null, false));
    }

    @Test
    void startTimesInEveryIsoShapeWithZOrAnOffsetAreTheSameInstant() throws Exception {
        for (String time : new String[] {"2026-11-22T10:15:30Z", "2026-11-22T10:15:30.000Z", "2026-11-22T21:15:30+11:00",
                "2026-11-22T10:15:30.000000000Z"}) {
            assertThat(read("{\"startTime\":\"" + time + "\"}").startTime()).as(time)
                    .isEqualTo(Instant.parse("2026-11-22T10:15:30Z"));
        }
        assertThat(read("{\"startTime\":\"2026-11-22T10:15:30.5Z\"}").startTime())
                .isEqualTo(Instant.parse("2026-11-22T10:15:30.500Z"));
        assertThat(read("{\"startTime\":\"2024-02-29T23:59:59.999999999Z\"}").startTime())
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
    }

    @Test
    void impossibleOrUnreadableStartTimesAreInvalidFields() {
        for (String time : new String[] {"2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-22T24:00:00Z",
                "2026-11-22T10:15:30", "2026-11-22 10:15:30Z", "2026-11-22T10:15:30.1234567890Z",
                "yesterday", "2026-1x-22T10:15:30Z"}) {
            assertThat(refusal("{\"startTime\":\"" + time + "\"}")).as(time).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        }
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfRangeAreInvalidFields() {
        assertThat(refusal("{\"chargingId\":\"123\"}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"uplinkBytes\":1.5}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"sequenceNumber\":3000000000}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"durationSeconds\":99999999999999999999}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"iccid\":8968701000000000425}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"recordingNode\":[\"PGW\"]}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"lastPartial\":\"yes\"}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"type\":\"FAX\"}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
        assertThat(refusal("{\"type\":1}")).isEqualTo(CdrRejectionReason.INVALID_FIELD);
    }

    @Test
    void whatIsNotOneJsonObjectIsMalformed() {
        for (String bad : new String[] {"", "null", "[]", "\"cdr\"", "42", "{\"schemaVersion\":1,", "{\"a\" 1}", "{\"a\":tru}",
                "\u0000\u0001"}) {
            assertThat(refusal(bad)).as(bad).isEqualTo(CdrRejectionReason.MALFORMED_JSON);
        }
        assertThatThrownBy(() -> read("null")).hasMessage("null");
    }
}
