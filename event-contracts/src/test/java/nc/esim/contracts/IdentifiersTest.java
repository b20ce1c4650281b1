package nc.esim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void acceptsNineteenAndTwentyDigitIccidsWithNewCaledoniaPrefixAndLuhnDigit() {
        assertThat(Identifiers.isValidIccid(Identifiers.withLuhnDigit("896870100000000001"))).isTrue();
        assertThat(Identifiers.isValidIccid(Identifiers.withLuhnDigit("8968701000000000012"))).isTrue();
    }

    @Test
    void computesTheStandardLuhnDigit() {
        // The classic Luhn example: 7992739871 has check digit 3.
        assertThat(Identifiers.withLuhnDigit("7992739871")).isEqualTo("79927398713");
    }

    @Test
    void rejectsIccidWithWrongCheckDigitPrefixLengthOrCharacters() {
        String valid = Identifiers.withLuhnDigit("896870100000000001");
        char wrongDigit = (char) ('0' + (valid.charAt(18) - '0' + 1) % 10);
        assertThat(Identifiers.isValidIccid(valid.substring(0, 18) + wrongDigit)).isFalse();
        assertThat(Identifiers.isValidIccid(Identifiers.withLuhnDigit("896810100000000001"))).isFalse();
        assertThat(Identifiers.isValidIccid(Identifiers.withLuhnDigit("89687010000000001"))).isFalse();
        assertThat(Identifiers.isValidIccid("89687010000000000a1")).isFalse();
        assertThat(Identifiers.isValidIccid(null)).isFalse();
    }

    @Test
    void acceptsOnlyPlus687AndSixDigitsAsMsisdn() {
        assertThat(Identifiers.isValidMsisdn("+687771234")).isTrue();
        assertThat(Identifiers.isValidMsisdn("687771234")).isFalse();
        assertThat(Identifiers.isValidMsisdn("+6877712345")).isFalse();
        assertThat(Identifiers.isValidMsisdn("+33612345678")).isFalse();
    }
}
