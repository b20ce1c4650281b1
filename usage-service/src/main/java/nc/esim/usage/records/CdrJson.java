package nc.esim.usage.records;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;

/**
 * Reads the JSON of a {@link CdrV1} with Jackson's streaming parser, field by field, instead of data
 * binding: every CDR of the busiest topic goes through here, and binding a record through its
 * constructor (with the general ISO-8601 instant parser) cost usage-service more CPU than anything
 * else it does per record (JFR samples of the ingest benchmark).
 *
 * <p>The rules are those of the contract (docs/asyncapi.yaml): unknown fields are skipped; a field that
 * is absent or null takes the default (0, false or null) and the validator decides whether it may be
 * missing; numbers must be JSON integers that fit their field, texts JSON strings, {@code lastPartial} a
 * boolean, {@code type} one of DATA, VOICE or SMS and {@code startTime} an ISO-8601 date-time with Z or
 * an offset.
 */
final class CdrJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CdrJson() {
    }

    /** Why the bytes are not a CDR. */
    static final class Unreadable extends Exception {
        private final CdrRejectionReason reason;

        Unreadable(CdrRejectionReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        CdrRejectionReason reason() {
            return reason;
        }
    }

    static CdrV1 read(byte[] bytes) throws Unreadable {
        int schemaVersion = 0;
        String recordingNode = null;
        long chargingId = 0;
        int sequenceNumber = 0;
        String iccid = null;
        String msisdn = null;
        UsageType type = null;
        Instant startTime = null;
        long uplinkBytes = 0;
        long downlinkBytes = 0;
        long durationSeconds = 0;
        String counterParty = null;
        boolean lastPartial = false;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw new Unreadable(CdrRejectionReason.MALFORMED_JSON, "null");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new Unreadable(CdrRejectionReason.MALFORMED_JSON, "not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "schemaVersion" -> schemaVersion = (int) integer(parser, field, true);
                    case "recordingNode" -> recordingNode = text(parser, field);
                    case "chargingId" -> chargingId = integer(parser, field, false);
                    case "sequenceNumber" -> sequenceNumber = (int) integer(parser, field, true);
                    case "iccid" -> iccid = text(parser, field);
                    case "msisdn" -> msisdn = text(parser, field);
                    case "type" -> type = usageType(parser, field);
                    case "startTime" -> startTime = instant(parser, field);
                    case "uplinkBytes" -> uplinkBytes = integer(parser, field, false);
                    case "downlinkBytes" -> downlinkBytes = integer(parser, field, false);
                    case "durationSeconds" -> durationSeconds = integer(parser, field, false);
                    case "counterParty" -> counterParty = text(parser, field);
                    case "lastPartial" -> lastPartial = bool(parser, field);
                    default -> parser.skipChildren(); // a field this version does not know
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new Unreadable(CdrRejectionReason.MALFORMED_JSON, "not a JSON object");
            }
        } catch (InputCoercionException e) {
            throw new Unreadable(CdrRejectionReason.INVALID_FIELD, "a number does not fit its field");
        } catch (JsonProcessingException e) {
            throw new Unreadable(CdrRejectionReason.MALFORMED_JSON, "not a JSON object");
        } catch (IOException e) {
            throw new Unreadable(CdrRejectionReason.MALFORMED_JSON, "unreadable");
        }
        return new CdrV1(schemaVersion, recordingNode, chargingId, sequenceNumber, iccid, msisdn, type, startTime,
                uplinkBytes, downlinkBytes, durationSeconds, counterParty, lastPartial);
    }

    private static Unreadable wrongType(String field) {
        return new Unreadable(CdrRejectionReason.INVALID_FIELD, "field " + field + " has the wrong type");
    }

    private static Unreadable invalidValue(String field) {
        return new Unreadable(CdrRejectionReason.INVALID_FIELD, "field " + field + " has an invalid value");
    }

    private static long integer(JsonParser parser, String field, boolean asInt) throws IOException, Unreadable {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> asInt ? parser.getIntValue() : parser.getLongValue();
            case VALUE_NULL -> 0;
            default -> throw wrongType(field);
        };
    }

    private static String text(JsonParser parser, String field) throws IOException, Unreadable {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> null;
            default -> throw wrongType(field);
        };
    }

    private static boolean bool(JsonParser parser, String field) throws Unreadable {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw wrongType(field);
        };
    }

    private static UsageType usageType(JsonParser parser, String field) throws IOException, Unreadable {
        String name = text(parser, field);
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "DATA" -> UsageType.DATA;
            case "VOICE" -> UsageType.VOICE;
            case "SMS" -> UsageType.SMS;
            default -> throw invalidValue(field);
        };
    }

    private static Instant instant(JsonParser parser, String field) throws IOException, Unreadable {
        String text = text(parser, field);
        if (text == null) {
            return null;
        }
        try {
            Instant utc = utc(text);
            return utc != null ? utc : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw invalidValue(field);
        }
    }

    /**
     * The usual shape, {@code 2026-11-22T10:15:30Z} with 0 to 9 digits of fraction, read without the
     * general formatter; null for any other shape (the formatter then decides).
     */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21; // between the '.' and the 'Z'
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, 20 + fraction);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        // LocalDateTime.of checks every range (month 13, 31 April, hour 24 throw)
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
