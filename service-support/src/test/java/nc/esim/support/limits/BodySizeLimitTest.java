package nc.esim.support.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void aNulOrAnotherControlCharacterRawOrPercentEncodedIsFound() {
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/audit-log?caller=%00")).isTrue();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x%0Ay")).isTrue();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x%7f")).isTrue();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x\u0001")).isTrue();
    }

    @Test
    void ordinaryEscapesAndABrokenEscapeAreNot() {
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/usage/msisdn/%2B687771234/summary")).isFalse();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x?q=%20OR%201%3D1")).isFalse();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x?q=100%")).isFalse();
        assertThat(BodySizeLimit.hasControlCharacter("/api/v1/x?q=%zz")).isFalse();
    }
}
