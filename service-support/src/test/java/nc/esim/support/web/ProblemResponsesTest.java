package nc.esim.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    @Test
    void aProblemTypeComesFromItsStatusPhrase() {
        assertThat(ProblemResponses.slug("Not Found", 404)).isEqualTo("not-found");
        assertThat(ProblemResponses.slug("Method Not Allowed", 405)).isEqualTo("method-not-allowed");
        assertThat(ProblemResponses.slug(null, 499)).isEqualTo("http-499");
    }

    @Test
    void javaNamesLeaveADetailAndAnEmptiedOneBecomesTheStatusPhrase() {
        String jackson = "Cannot deserialize value of type `nc.esim.billing.catalog.AddOn$Kind` from String \"X\"";
        assertThat(ProblemResponses.clean(jackson, "Bad Request")).doesNotContain("nc.esim").doesNotContain("AddOn");
        assertThat(ProblemResponses.clean("java.lang.IllegalStateException", "Internal Server Error"))
                .isEqualTo("Internal Server Error");
        assertThat(ProblemResponses.clean("An ICCID here has 19 or 20 digits", "Bad Request"))
                .isEqualTo("An ICCID here has 19 or 20 digits");
    }
}
