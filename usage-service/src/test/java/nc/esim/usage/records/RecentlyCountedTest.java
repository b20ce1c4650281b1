package nc.esim.usage.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecentlyCountedTest {
    private static final TopicPartition P0 = new TopicPartition("esim.cdr.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("esim.cdr.v1", 1);

    private static RecordKey key(long chargingId) {
        return new RecordKey("8968701000000000425", 1_763_780_645_000_000L, "PGW-NOU-01", chargingId, 1);
    }

    @Test
    void onlyCommittedIdentitiesAreKnownAndOnlyTheLastOnesOfEachPartition() {
        RecentlyCounted recent = new RecentlyCounted(3);
        assertThat(recent.of(P0).isCounted(key(1))).isFalse();

        recent.of(P0).committed(List.of(key(1), key(2), key(3), key(4)), false);

        assertThat(recent.of(P0).isCounted(key(1))).as("the oldest, beyond three").isFalse();
        assertThat(recent.of(P0).isCounted(key(2))).isTrue();
        assertThat(recent.of(P0).isCounted(key(4))).isTrue();
        assertThat(recent.of(P1).isCounted(key(4))).as("another partition's window").isFalse();
    }

    @Test
    void aPartitionIsLookedUpAfterARefusalAndForAsLongAsItsLookupsFindStoredRecords() {
        RecentlyCounted recent = new RecentlyCounted(10);
        assertThat(recent.of(P0).mustLookUp()).isFalse();

        recent.of(P0).lookUpFromNowOn();
        assertThat(recent.of(P0).mustLookUp()).isTrue();
        assertThat(recent.of(P1).mustLookUp()).isFalse();

        recent.of(P0).committed(List.of(key(1)), true); // the lookup found stored records: a replay goes on
        assertThat(recent.of(P0).mustLookUp()).isTrue();
        recent.of(P0).committed(List.of(key(2)), false); // it found none: back to inserting straight away
        assertThat(recent.of(P0).mustLookUp()).isFalse();
    }
}
