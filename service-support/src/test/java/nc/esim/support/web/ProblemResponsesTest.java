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

    @Test
    void aCallThatCouldNotReachTheDatabaseIsTold503NotA500() {
        java.sql.SQLException refused = new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        java.sql.SQLException shuttingDown = new java.sql.SQLException("terminating connection due to administrator command", "57P01");
        RuntimeException wrapped = new RuntimeException("could not prepare statement", new IllegalStateException(refused));
        assertThat(ProblemResponses.databaseUnreachable(wrapped)).isTrue();
        assertThat(ProblemResponses.databaseUnreachable(shuttingDown)).isTrue();
        assertThat(ProblemResponses.databaseUnreachable(new java.sql.SQLTransientConnectionException("acquisition timeout")))
                .isTrue();
    }

    @Test
    void aDatabaseErrorThatIsNotAboutReachingItStaysA500() {
        assertThat(ProblemResponses.databaseUnreachable(new java.sql.SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemResponses.databaseUnreachable(new java.sql.SQLException("no state"))).isFalse();
        assertThat(ProblemResponses.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
        assertThat(ProblemResponses.databaseUnreachable(null)).isFalse();
    }
}
