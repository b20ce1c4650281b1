package nc.esim.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.cdr.CdrV1;

/**
 * What the platform must end up with: the totals of every distinct valid record, per ICCID, and the
 * counts of what was sent. Resent copies and malformed records are counted as sent, never in totals.
 */
public final class GroundTruth {

    /** Totals of one ICCID. */
    public record Totals(long dataBytes, long voiceSeconds, long smsCount, long records) {
        Totals plus(CdrV1 cdr) {
            return switch (cdr.type()) {
                case DATA -> new Totals(dataBytes + cdr.totalBytes(), voiceSeconds, smsCount, records + 1);
                case VOICE -> new Totals(dataBytes, voiceSeconds + cdr.durationSeconds(), smsCount, records + 1);
                case SMS -> new Totals(dataBytes, voiceSeconds, smsCount + 1, records + 1);
            };
        }
    }

    private final Map<String, Totals> totalsByIccid = new TreeMap<>();
    private long sent;
    private long duplicates;
    private long malformed;
    private long late;

    void accepted(CdrV1 cdr) {
        totalsByIccid.merge(cdr.iccid(), new Totals(0, 0, 0, 0).plus(cdr), (old, none) -> old.plus(cdr));
    }

    void countSent() {
        sent++;
    }

    void countDuplicate() {
        duplicates++;
    }

    void countMalformed() {
        malformed++;
    }

    void countLate() {
        late++;
    }

    public Totals totalsOf(String iccid) {
        return totalsByIccid.getOrDefault(iccid, new Totals(0, 0, 0, 0));
    }

    public Map<String, Totals> totalsByIccid() {
        return Map.copyOf(totalsByIccid);
    }

    public long distinctValidRecords() {
        return totalsByIccid.values().stream().mapToLong(Totals::records).sum();
    }

    public long sentRecords() {
        return sent;
    }

    public long duplicates() {
        return duplicates;
    }

    public long malformed() {
        return malformed;
    }

    public long late() {
        return late;
    }

    public void writeTo(Path file) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("sentRecords", sent);
        document.put("distinctValidRecords", distinctValidRecords());
        document.put("duplicates", duplicates);
        document.put("malformed", malformed);
        document.put("late", late);
        document.put("totalsByIccid", totalsByIccid);
        Files.write(file, EventJson.write(document));
    }
}
