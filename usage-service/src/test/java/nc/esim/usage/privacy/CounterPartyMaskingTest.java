package nc.esim.usage.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterPartyMaskingTest {
    private final CounterPartyMasking masking = new CounterPartyMasking();

    @Test
    void aNumberShowsOnlyItsCountryCodeAndLastTwoDigits() {
        assertThat(masking.show("+687771234")).isEqualTo("+687****34");
        assertThat(masking.show("+61412345678")).isEqualTo("+*********78");
        assertThat(masking.show("3615")).isEqualTo("**15");
    }

    @Test
    void noCounterPartyStaysEmptyAndATinyOneIsMaskedWhole() {
        assertThat(masking.show(null)).isNull();
        assertThat(masking.show("")).isEmpty();
        assertThat(masking.show("12")).isEqualTo("*2");
    }
}
