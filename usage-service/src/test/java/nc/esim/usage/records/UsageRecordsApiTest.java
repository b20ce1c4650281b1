package nc.esim.usage.records;

import static io.restassured.RestAssured.given;
import static nc.esim.usage.records.UsageTestSupport.awaitCdrs;
import static nc.esim.usage.records.UsageTestSupport.awaitSubscriptions;
import static nc.esim.usage.records.UsageTestSupport.call;
import static nc.esim.usage.records.UsageTestSupport.data;
import static nc.esim.usage.records.UsageTestSupport.grant;
import static nc.esim.usage.records.UsageTestSupport.publish;
import static nc.esim.usage.records.UsageTestSupport.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/** The records, daily and MSISDN APIs over records counted from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class UsageRecordsApiTest {
    private static final int ESIM = 800;
    private static final String ICCID = Subscribers.iccid(ESIM);
    private static final LocalDate DAY = LocalDate.now(Zones.NOUMEA).minusDays(2);
    private static final Instant DAY_START = DAY.atStartOfDay(Zones.NOUMEA).toInstant();
    /** 23:59:30 Nouméa time: still DAY locally, though 12:59:30 UTC. */
    private static final Instant LAST_MINUTE = DAY_START.plus(Duration.ofHours(23).plusMinutes(59).plusSeconds(30));
    private static final int DATA_RECORDS = 100;
    private static final EventPublisher events = RealInfrastructure.events();

    @Inject
    RecordPartitions partitions;

    @BeforeAll
    static void someUsageOverThreeLocalDays() {
        grant(events, ESIM, "ALW-800", 1L << 40, DAY_START.minus(Duration.ofDays(5)), DAY_START.plus(Duration.ofDays(20)));
        awaitSubscriptions();
        List<CdrV1> cdrs = new ArrayList<>();
        for (int i = 0; i < DATA_RECORDS; i++) { // DAY 10:00 onwards, one a minute
            cdrs.add(data(ESIM, 8000, i + 1, DAY_START.plus(Duration.ofHours(10).plusMinutes(i)), 1_000));
        }
        cdrs.add(call(ESIM, 8101, LAST_MINUTE, 120, "+687771234"));
        cdrs.add(sms(ESIM, 8102, LAST_MINUTE.plus(Duration.ofMinutes(1)), "+687775678")); // 00:00:30 the next day
        cdrs.add(sms(ESIM, 8103, DAY_START.plus(Duration.ofDays(1).plusHours(9)), "+687779999"));
        cdrs.add(data(ESIM, 8104, 1, DAY_START.plus(Duration.ofDays(2).plusMinutes(1)), 5_000)); // today 00:01, always past
        publish(events, cdrs.toArray(CdrV1[]::new));
        awaitCdrs();
    }

    private static JsonPath page(String query) {
        return given().get("/api/v1/usage/" + ICCID + "/records" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesWalkEveryRecordNewestFirstWithoutRepeatsOrGaps() {
        List<String> starts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = page("?limit=40" + (cursor == null ? "" : "&cursor=" + cursor));
            List<String> times = page.getList("records.startTime");
            for (int i = 0; i < times.size(); i++) {
                seen.add(page.getString("records[" + i + "].recordingNode") + "/" + page.getLong("records[" + i + "].chargingId")
                        + "/" + page.getInt("records[" + i + "].sequenceNumber"));
            }
            starts.addAll(times);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(starts).hasSize(DATA_RECORDS + 4);
        assertThat(seen).hasSize(DATA_RECORDS + 4);
        assertThat(starts).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
    }

    @Test
    void filtersByTypeAndByLocalDayCountA2359RecordOnItsLocalDay() {
        assertThat(page("?type=sms").getList("records.type")).containsExactly("SMS", "SMS");

        JsonPath day = page("?from=" + DAY + "&to=" + DAY + "&limit=500");
        assertThat(day.getList("records")).hasSize(DATA_RECORDS + 1);
        assertThat(day.getString("records[0].type")).isEqualTo("VOICE"); // the 23:59:30 call, newest of the day
        assertThat(day.getString("records[0].startTimeLocal")).startsWith(DAY + "T23:59:30");
        assertThat(day.getString("records[0].counterParty")).isEqualTo("+687****34");

        JsonPath nextDay = page("?from=" + DAY.plusDays(1) + "&to=" + DAY.plusDays(1));
        assertThat(nextDay.getList("records.type")).containsExactly("SMS", "SMS");
    }

    @Test
    void theCsvExportStreamsEveryMatchingRecordWithMaskedCounterParties() {
        String csv = given().accept("text/csv").get("/api/v1/usage/" + ICCID + "/records").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", equalTo("attachment; filename=\"usage-" + ICCID + ".csv\""))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("start_time_utc,start_time_local,type,quantity");
        assertThat(lines).hasSize(DATA_RECORDS + 4 + 1);
        assertThat(csv).doesNotContain("771234").contains("+687****34").contains("ALW-800:1000");

        String sms = given().accept("text/csv").get("/api/v1/usage/" + ICCID + "/records?type=SMS").then().statusCode(200)
                .extract().asString();
        assertThat(sms.split("\r\n")).hasSize(3);
    }

    @Test
    void theCsvExportRefusesACursorOrALimitInsteadOfIgnoringThem() {
        for (String query : new String[] {"cursor=not-a-cursor", "limit=10", "limit=abc"}) {
            given().accept("text/csv").get("/api/v1/usage/" + ICCID + "/records?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:esim:problem:invalid-parameter"));
        }
    }

    @Test
    void theDailyBreakdownSumsEachLocalDay() {
        JsonPath daily = given().get("/api/v1/usage/" + ICCID + "/daily?from=" + DAY + "&to=" + DAY.plusDays(2))
                .then().statusCode(200).extract().jsonPath();
        assertThat(daily.getList("days")).hasSize(3);
        assertThat(daily.getLong("days[0].dataBytes")).isEqualTo(DATA_RECORDS * 1_000L);
        assertThat(daily.getLong("days[0].voiceSeconds")).isEqualTo(120);
        assertThat(daily.getLong("days[0].records")).isEqualTo(DATA_RECORDS + 1);
        assertThat(daily.getLong("days[0].outOfBundleVoiceSeconds")).isZero();
        assertThat(daily.getLong("days[1].smsCount")).isEqualTo(2);
        assertThat(daily.getLong("days[2].dataBytes")).isEqualTo(5_000);
    }

    @Test
    void theSummaryIsFoundByMsisdnWithOrWithoutThePlusAndForecastsFromTheRecentRate() {
        JsonPath summary = given().get("/api/v1/usage/msisdn/" + Subscribers.msisdn(ESIM) + "/summary").then()
                .statusCode(200).extract().jsonPath();
        assertThat(summary.getString("iccid")).isEqualTo(ICCID);
        given().get("/api/v1/usage/msisdn/" + Subscribers.msisdn(ESIM).substring(1) + "/summary").then().statusCode(200)
                .body("iccid", equalTo(ICCID));

        // the window is the last three local days, DAY to today; its first data use is DAY 10:00, where the
        // rate begins: 100 records of 1,000 bytes then and 5,000 bytes today, over the time since
        assertThat(summary.getString("forecast.basis")).isEqualTo("SINCE_FIRST_USE");
        Instant firstUse = DAY_START.plus(Duration.ofHours(10));
        assertThat(Instant.parse(summary.getString("forecast.basisFrom"))).isEqualTo(firstUse);
        long basisSeconds = summary.getLong("forecast.basisSeconds");
        assertThat(basisSeconds).isBetween(Duration.between(firstUse, Instant.now()).toSeconds() - 120,
                Duration.between(firstUse, Instant.now()).toSeconds());
        assertThat(summary.getLong("forecast.dataBytesPerDay")).isEqualTo(105_000L * 86_400 / basisSeconds);
        assertThat(summary.getLong("forecast.dataRemaining")).isEqualTo((1L << 40) - 105_000);
        assertThat(summary.getString("forecast.outcome")).isEqualTo("EXPIRES_FIRST");
        assertThat(summary.getBoolean("forecast.beforeExpiry")).isFalse();
        // the allowance ends at a local midnight: shown, here as in every message, as the minute before
        LocalDate lastDay = DAY.plusDays(19);
        assertThat(summary.getString("allowances[0].validUntilLocal")).isEqualTo(lastDay + "T23:59:00");
        assertThat(summary.getString("forecast.message")).contains("valid until " + lastDay + " 23:59 Nouméa time")
                .contains("before its 1024.0 GB run out");
    }

    @Test
    void badInputIsABadRequestProblemAndAnUnknownMsisdnNotFound() {
        String records = "/api/v1/usage/" + ICCID + "/records";
        for (String query : List.of("?type=FAX", "?from=yesterday", "?from=2026-11-20&to=2026-11-01", "?limit=0",
                "?limit=100000", "?cursor=not-a-cursor")) {
            given().get(records + query).then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/api/v1/usage/" + ICCID + "/daily?from=2025-01-01&to=2026-11-01").then().statusCode(400)
                .body("type", equalTo("urn:esim:problem:invalid-date-range"));
        given().get("/api/v1/usage/1234/records").then().statusCode(400).body("type", equalTo("urn:esim:problem:invalid-iccid"));
        given().get("/api/v1/usage/msisdn/12345/summary").then().statusCode(400)
                .body("type", equalTo("urn:esim:problem:invalid-msisdn"));
        given().get("/api/v1/usage/msisdn/+687000000/summary").then().statusCode(404)
                .body("type", equalTo("urn:esim:problem:unknown-msisdn"));
    }

    @Test
    void retentionDropsWholeMonthsPastItAndKeepsTheCurrentOnes() {
        YearMonth old = YearMonth.now(ZoneOffset.UTC).minusMonths(30);
        Instant inOldMonth = old.atDay(15).atStartOfDay(ZoneOffset.UTC).toInstant();
        partitions.ensureBetween(inOldMonth, inOldMonth);

        List<String> dropped = partitions.dropOlderThan(Instant.now().minus(Duration.ofDays(400)));

        assertThat(dropped).containsExactly("usage_record_y%04dm%02d".formatted(old.getYear(), old.getMonthValue()));
        assertThat(page("?limit=1").getList("records")).hasSize(1); // this month's records are still there
    }
}
