package nc.esim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theRejectedTopicOfAnInputKeepsItsNameAndVersion() {
        assertThat(Topics.rejectedOf(Topics.CDR)).isEqualTo(Topics.CDR_REJECTED);
        assertThat(Topics.rejectedOf(Topics.SUBSCRIPTION)).isEqualTo(Topics.SUBSCRIPTION_REJECTED);
        assertThat(Topics.ALL).contains(Topics.rejectedOf(Topics.CDR), Topics.rejectedOf(Topics.SUBSCRIPTION));
    }
}
