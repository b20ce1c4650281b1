package nc.esim.usage.allowances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import nc.esim.contracts.cdr.UsageType;

class RatingTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final String ICCID = "8968701000000000000";

    private static AllowanceBalance balance(String id, long dataQuota, long dataUsed, int fromDays, int untilDays) {
        return new AllowanceBalance(new Allowance(id, ICCID, dataQuota, 100, 10,
                NOW.plusSeconds(86_400L * fromDays), NOW.plusSeconds(86_400L * untilDays)), dataUsed, 0, 0);
    }

    @Test
    void usageDrawsFirstOnTheAllowanceThatExpiresFirst() {
        List<AllowanceBalance> balances = List.of(balance("soon", 1_000, 0, -5, 2), balance("later", 1_000, 0, -5, 30));

        Rating.Rated rated = Rating.rate(balances, UsageType.DATA, NOW, 300);

        assertThat(rated.draws()).containsExactly(new Draw("soon", 300));
        assertThat(rated.outOfBundle()).isZero();
        assertThat(balances.get(0).used(UsageType.DATA)).isEqualTo(300);
    }

    @Test
    void aDataSessionIsSplitAcrossAllowancesWhenTheFirstRunsOutAndTheRestIsOutOfBundle() {
        List<AllowanceBalance> balances = List.of(balance("soon", 1_000, 900, -5, 2), balance("later", 500, 0, -5, 30));

        Rating.Rated rated = Rating.rate(balances, UsageType.DATA, NOW, 800);

        assertThat(rated.draws()).containsExactly(new Draw("soon", 100), new Draw("later", 500));
        assertThat(rated.outOfBundle()).isEqualTo(200);
        assertThat(rated.inBundle()).isEqualTo(600);
        assertThat(rated.firstAllowanceId()).isEqualTo("soon");
        assertThat(balances.get(0).remaining(UsageType.DATA)).isZero();
        assertThat(balances.get(1).remaining(UsageType.DATA)).isZero();
    }

    @Test
    void anAllowanceThatDoesNotCoverTheMomentOfUseIsNotDrawnOn() {
        List<AllowanceBalance> balances = List.of(balance("past", 1_000, 0, -10, -3), balance("current", 1_000, 0, -3, 30));

        Rating.Rated late = Rating.rate(balances, UsageType.DATA, NOW.minusSeconds(86_400L * 5), 100);
        Rating.Rated now = Rating.rate(balances, UsageType.DATA, NOW, 100);

        assertThat(late.draws()).containsExactly(new Draw("past", 100));
        assertThat(now.draws()).containsExactly(new Draw("current", 100));
    }

    @Test
    void usageWithNoCoveringAllowanceOrNoQuotaOfItsKindIsOutOfBundle() {
        List<AllowanceBalance> dataOnly = List.of(new AllowanceBalance(
                new Allowance("data", ICCID, 1_000, 0, 0, NOW.minusSeconds(60), NOW.plusSeconds(60)), 0, 0, 0));

        Rating.Rated call = Rating.rate(dataOnly, UsageType.VOICE, NOW, 120);
        Rating.Rated none = Rating.rate(List.of(), UsageType.DATA, NOW, 10);

        assertThat(call.draws()).isEmpty();
        assertThat(call.outOfBundle()).isEqualTo(120);
        assertThat(call.firstAllowanceId()).isNull();
        assertThat(none.outOfBundle()).isEqualTo(10);
    }

    @Test
    void anEmptyRecordBelongsToTheCoveringAllowanceWithoutDrawingOnIt() {
        List<AllowanceBalance> balances = List.of(balance("only", 1_000, 1_000, -5, 2));

        Rating.Rated rated = Rating.rate(balances, UsageType.DATA, NOW, 0);

        assertThat(rated.draws()).containsExactly(new Draw("only", 0));
        assertThat(rated.outOfBundle()).isZero();
    }

    @Test
    void aLevelCrossedInTheMiddleOfABatchIsToldWithTheUsageAtTheCrossingNotAtTheBatchEnd() {
        AllowanceBalance balance = balance("one", 1_000, 100, -5, 2);
        for (long quantity : new long[] {400, 350, 400}) { // 500, 850, then 1,000 (150 out of bundle)
            Rating.rate(List.of(balance), UsageType.DATA, NOW, quantity);
        }
        assertThat(balance.usedWhenReaching(UsageType.DATA, 80)).isEqualTo(850);
        assertThat(balance.usedWhenReaching(UsageType.DATA, 100)).isEqualTo(1_000);
        assertThat(balance.usedWhenReaching(UsageType.DATA, 50)).isEqualTo(500);
        // a level already reached before this pass: the usage now
        assertThat(balance("full", 1_000, 900, -5, 2).usedWhenReaching(UsageType.DATA, 80)).isEqualTo(900);
    }
}
