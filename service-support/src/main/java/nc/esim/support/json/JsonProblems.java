package nc.esim.support.json;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import nc.esim.support.problems.Problems;

/**
 * A body {@link StrictJson} refuses, as a 400 problem that says which field and what it should be, in
 * JSON's words ("an integer", "one of PAYPAL, CARD"), never a Java class or exception name, as
 * quarkus-resteasy-problem's Jackson mappers do ({@code nc.esim.billing.catalog.AddOn$Kind},
 * {@code java.lang.Long}); {@code ProblemResponses} puts it in their place.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** The problem for {@code e}: malformed JSON, an unknown field, or a field of the wrong type. */
    public static Response.ResponseBuilder toProblem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problems.response(400, "unknown-field", "Unknown field",
                    "Field '" + path(unknown) + "' is not part of this request");
        }
        if (e instanceof ValueInstantiationException invalid) {
            // a record's constructor refused the values; its message is ours (IllegalArgumentException), not Jackson's
            Throwable cause = invalid.getCause();
            String detail = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "The body's values do not make a valid request";
            return Problems.response(400, "invalid-field", "Invalid field", detail);
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return Problems.response(400, "invalid-field", "Invalid field",
                    "Field '" + path(mismatch) + "' must be " + expected(mismatch.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return Problems.response(400, "malformed-json", "Malformed JSON",
                    "Nothing may follow the JSON object of the body");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return Problems.response(400, "malformed-json", "Malformed JSON",
                    "The body must be " + expected(mismatch.getTargetType()));
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return Problems.response(400, "malformed-json", "Malformed JSON",
                    "Key " + message.substring("Duplicate field ".length()) + " appears more than once");
        }
        return Problems.response(400, "malformed-json", "Malformed JSON",
                "The body is not one well-formed JSON object"
                        + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" : ""));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What JSON value a Java type takes, in JSON's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class).contains(type)
                || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date or time as an ISO-8601 string";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a value of another type";
    }
}
