package nc.esim.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ValidityTest {

    @Test
    void aThreeDayPlanLastsUntilTheEndOfTheNoumeaDayThreeDaysLater() {
        // 2026-11-22 10:00 in Nouméa (UTC+11) is 2026-11-21T23:00Z; +72 h is 2026-11-25 10:00 local,
        // so the plan ends at the end of 2026-11-25 local, i.e. 2026-11-25T13:00Z.
        assertThat(Validity.until(Instant.parse("2026-11-21T23:00:00Z"), 3))
                .isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
    }

    @Test
    void aPlanBoughtJustBeforeLocalMidnightCountsThatLocalDay() {
        // 23:59 local on 2026-11-22 is 12:59Z; +1 day is 23:59 local on 2026-11-23.
        assertThat(Validity.until(Instant.parse("2026-11-22T12:59:00Z"), 1))
                .isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Test
    void aPeriodStartingAtLocalMidnightLastsExactlyItsDays() {
        // a renewal stacked on a period ending 2026-11-25 24:00 local (13:00Z) ends three local days later
        assertThat(Validity.until(Instant.parse("2026-11-25T13:00:00Z"), 3))
                .isEqualTo(Instant.parse("2026-11-28T13:00:00Z"));
    }
}
