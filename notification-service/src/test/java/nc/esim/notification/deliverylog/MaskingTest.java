package nc.esim.notification.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void anMsisdnKeepsTheCountryCodeAndTheLastTwoDigits() {
        assertThat(Masking.destination("+687771234")).isEqualTo("+687****34");
    }

    @Test
    void anEmailKeepsTheFirstLetterAndTheDomain() {
        assertThat(Masking.destination("marie.dupont@example.nc")).isEqualTo("m***@example.nc");
    }
}
