package nc.esim.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void aPhoneNumberShowsOnlyItsCountryCodeAndLastTwoDigits() {
        assertThat(PersonalData.phoneNumber("+687771234")).isEqualTo("+687****34");
        assertThat(PersonalData.phoneNumber("+61412345678")).isEqualTo("+*********78");
        assertThat(PersonalData.phoneNumber("3615")).isEqualTo("**15");
        assertThat(PersonalData.phoneNumber("12")).isEqualTo("*2");
        assertThat(PersonalData.phoneNumber(null)).isNull();
        assertThat(PersonalData.phoneNumber("")).isEmpty();
    }

    @Test
    void anEmailKeepsItsFirstLetterAndDomainAndAnIccidItsIssuerAndLastFourDigits() {
        assertThat(PersonalData.email("marie.dupont@example.nc")).isEqualTo("m***@example.nc");
        assertThat(PersonalData.destination("li.wei@example.nc")).isEqualTo("l***@example.nc");
        assertThat(PersonalData.destination("+687771234")).isEqualTo("+687****34");
        assertThat(PersonalData.iccid("8968701000000000017")).isEqualTo("89687**********0017");
    }

    @Test
    void freeTextHasEveryMsisdnEmailAndIccidMaskedAndNothingElse() {
        String line = "sale of 8968701000000000017 to +687771234 (marie@example.nc) order ORD-20261122-000042 for 3500 XPF";
        assertThat(PersonalData.inText(line)).isEqualTo(
                "sale of 89687**********0017 to +687****34 (m***@example.nc) order ORD-20261122-000042 for 3500 XPF");
        assertThat(PersonalData.inText("Key (msisdn)=(+687771234) already exists")).isEqualTo("Key (msisdn)=(+687****34) already exists");
    }

    @Test
    void theLogFilterMasksFormattedMessagesAndExceptionMessages() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "refused %s for %s", ExtLogRecord.FormatStyle.PRINTF,
                PersonalDataTest.class.getName());
        record.setParameters(new Object[] {"8968701000000000017", "+687771234"});
        record.setThrown(new IllegalStateException("duplicate key (email)=(marie@example.nc)",
                new RuntimeException("iccid 8968701000000000017")));
        assertThat(new PersonalDataLogFilter().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("refused 89687**********0017 for +687****34");
        assertThat(record.getThrown().toString())
                .isEqualTo("java.lang.IllegalStateException: duplicate key (email)=(m***@example.nc)");
        assertThat(record.getThrown().getCause().getMessage()).isEqualTo("iccid 89687**********0017");
        assertThat(record.getThrown().getStackTrace()).isNotEmpty();

        LogRecord plain = new LogRecord(Level.INFO, "to {0}");
        plain.setParameters(new Object[] {"+687771234"});
        new PersonalDataLogFilter().isLoggable(plain);
        assertThat(plain.getMessage()).isEqualTo("to +687****34");
    }
}
