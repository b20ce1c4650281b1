package nc.esim.usage.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordCursorTest {

    @Test
    void aCursorReadsBackAsTheSameSortKeyEvenWithSeparatorsInTheNodeName() {
        RecordCursor cursor = new RecordCursor(1_795_000_000_123_456L, "PGW|NOU-01", 42, 7);
        assertThat(RecordCursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void aTokenThisApiDidNotIssueIsRefused() {
        assertThat(RecordCursor.decode("not-a-cursor")).isEmpty();
        assertThat(RecordCursor.decode("")).isEmpty();
        assertThat(RecordCursor.decode("MTIzfGFiYw")).isEmpty(); // "123|abc"
    }
}
