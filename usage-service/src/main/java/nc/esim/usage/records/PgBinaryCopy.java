package nc.esim.usage.records;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format (the "COPY ... FROM STDIN (FORMAT binary)" file layout of the
 * PostgreSQL documentation), streamed to the server in chunks as they are written: the fastest way to
 * load many rows, with no text for the server to parse and no whole batch held twice in memory. Only
 * the column types usage records need. Values are written in column order, one row at a time.
 */
final class PgBinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL's epoch for timestamps: 2000-01-01T00:00:00Z, in microseconds after the Unix epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte JSONB_VERSION = 1;
    private static final int CHUNK = 64 * 1024;

    private final CopyIn copy;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    PgBinaryCopy(CopyIn copy) throws SQLException {
        this.copy = copy;
        bytes(SIGNATURE);
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    PgBinaryCopy row(int columns) throws SQLException {
        room(2);
        buffer[used++] = (byte) (columns >>> 8);
        buffer[used++] = (byte) columns;
        return this;
    }

    PgBinaryCopy text(String value) throws SQLException {
        if (value == null) {
            return nothing();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes(utf8);
        return this;
    }

    PgBinaryCopy int8(long value) throws SQLException {
        int32(8);
        int64(value);
        return this;
    }

    PgBinaryCopy int4(int value) throws SQLException {
        int32(4);
        int32(value);
        return this;
    }

    PgBinaryCopy timestamptz(Instant value) throws SQLException {
        return timestamptzMicros(RecordKey.micros(value));
    }

    PgBinaryCopy timestamptzMicros(long unixMicros) throws SQLException {
        int32(8);
        int64(unixMicros - POSTGRES_EPOCH_MICROS);
        return this;
    }

    PgBinaryCopy jsonb(String json) throws SQLException {
        if (json == null) {
            return nothing();
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length + 1);
        room(1);
        buffer[used++] = JSONB_VERSION;
        bytes(utf8);
        return this;
    }

    PgBinaryCopy nothing() throws SQLException {
        int32(-1);
        return this;
    }

    /** Writes the trailer and ends the COPY; returns the rows the server loaded. */
    long finish() throws SQLException {
        room(2);
        buffer[used++] = (byte) 0xFF;
        buffer[used++] = (byte) 0xFF;
        flush();
        return copy.endCopy();
    }

    private void int32(int v) throws SQLException {
        room(4);
        buffer[used++] = (byte) (v >>> 24);
        buffer[used++] = (byte) (v >>> 16);
        buffer[used++] = (byte) (v >>> 8);
        buffer[used++] = (byte) v;
    }

    private void int64(long v) throws SQLException {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void bytes(byte[] value) throws SQLException {
        if (value.length > CHUNK - used) {
            flush();
            if (value.length > CHUNK) {
                copy.writeToCopy(value, 0, value.length);
                return;
            }
        }
        System.arraycopy(value, 0, buffer, used, value.length);
        used += value.length;
    }

    private void room(int bytes) throws SQLException {
        if (CHUNK - used < bytes) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
