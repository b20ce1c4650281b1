package nc.esim.usage.records;

import java.time.Instant;

import nc.esim.contracts.cdr.CdrV1;

/**
 * What makes a stored usage record unique: the CDR's identity (recording node, charging id, sequence
 * number) with the ICCID and start time that a resent record repeats (see the V2 migration for why).
 * Start times are kept to the microsecond, as PostgreSQL stores them.
 */
public record RecordKey(String iccid, long startMicros, String recordingNode, long chargingId, int sequenceNumber) {

    public static RecordKey of(CdrV1 cdr) {
        return new RecordKey(cdr.iccid(), micros(cdr.startTime()), cdr.recordingNode(), cdr.chargingId(),
                cdr.sequenceNumber());
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    public Instant startTime() {
        return instantOfMicros(startMicros);
    }

    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
