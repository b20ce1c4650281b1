package nc.esim.usage.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageAlertsTest {

    @Test
    void aLevelIsCrossedWhenUsageGoesFromBelowItToAtOrAboveIt() {
        assertThat(UsageAlerts.crossed(799, 800, 1_000, 80)).isTrue();
        assertThat(UsageAlerts.crossed(0, 1_000, 1_000, 80)).isTrue();
        assertThat(UsageAlerts.crossed(0, 1_000, 1_000, 100)).isTrue();
    }

    @Test
    void usageAlreadyAtOrAboveALevelDoesNotCrossItAgain() {
        assertThat(UsageAlerts.crossed(800, 900, 1_000, 80)).isFalse();
        assertThat(UsageAlerts.crossed(1_000, 1_000, 1_000, 100)).isFalse();
    }

    @Test
    void usageJustBelowALevelDoesNotCrossItWhateverTheRounding() {
        // 3 GB at 80 %: 2,576,980,377.6 bytes; 2,576,980,377 is still below it
        long quota = 3L * 1024 * 1024 * 1024;
        assertThat(UsageAlerts.crossed(0, 2_576_980_377L, quota, 80)).isFalse();
        assertThat(UsageAlerts.crossed(0, 2_576_980_378L, quota, 80)).isTrue();
    }

    @Test
    void aQuotaSoLargeThatTheArithmeticWouldOverflowFailsLoudly() {
        assertThatThrownBy(() -> UsageAlerts.crossed(0, 1, Long.MAX_VALUE / 10, 80)).isInstanceOf(ArithmeticException.class);
    }
}
