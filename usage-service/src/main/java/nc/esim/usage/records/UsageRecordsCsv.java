package nc.esim.usage.records;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;

/** The CSV layout of a records export (RFC 4180: comma separated, CRLF, quoted where needed). */
final class UsageRecordsCsv {
    static final String HEADER = "start_time_utc,start_time_local,type,quantity,duration_seconds,counter_party,"
            + "in_bundle,out_of_bundle,allowances,recording_node,charging_id,sequence_number\r\n";

    private UsageRecordsCsv() {
    }

    static void write(Writer out, UsageRecordView r) throws IOException {
        out.write(r.startTime().toString());
        out.write(',');
        out.write(r.startTimeLocal().toString());
        out.write(',');
        out.write(r.type().name());
        out.write(',');
        out.write(Long.toString(r.quantity()));
        out.write(',');
        out.write(Long.toString(r.durationSeconds()));
        out.write(',');
        out.write(field(r.counterParty()));
        out.write(',');
        out.write(Long.toString(r.inBundle()));
        out.write(',');
        out.write(Long.toString(r.outOfBundle()));
        out.write(',');
        out.write(field(r.draws().stream().map(d -> d.allowanceId() + ":" + d.quantity()).collect(Collectors.joining(";"))));
        out.write(',');
        out.write(field(r.recordingNode()));
        out.write(',');
        out.write(Long.toString(r.chargingId()));
        out.write(',');
        out.write(Integer.toString(r.sequenceNumber()));
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
