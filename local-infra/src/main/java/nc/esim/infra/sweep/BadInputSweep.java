package nc.esim.infra.sweep;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nc.esim.infra.auth.LocalAuth;

/**
 * A bad-input sweep generated from a running service's own OpenAPI document: every operation, called
 * with what a careless client or an attacker sends (malformed JSON, trailing garbage, duplicate keys,
 * an array or a number for the object, wrong content type, an oversized body, NUL and injection strings
 * in path and query parameters, unparseable and huge limits and cursors, each field of the body's schema
 * with a value of the wrong type, no token). Every answer must
 * be a client error (never 5xx) and an RFC 9457 problem with a {@code type} and no Java names, and no
 * table but the audit log may change. {@link #run} returns every violation found.
 */
public final class BadInputSweep {
    private static final Pattern INTERNALS = Pattern.compile("\\b(java|javax|jakarta|nc\\.esim|com\\.fasterxml|org\\.)\\.?[\\w.$]*"
            + "|Exception\\b|\\bat [\\w.$]+\\(");
    private static final Set<String> WRITES = Set.of("post", "put", "patch");
    /** Tables a refused call may still write: the audit log records every call, refused ones too. */
    private static final Set<String> MAY_CHANGE = Set.of("audit_entry", "flyway_schema_history");

    private static final List<String> BAD_BODIES = List.of(
            "{\"x\":1}xyz{",                  // trailing garbage
            "{\"x\":1} {\"y\":2}",            // a second object
            "{\"x\":1,\"x\":2}",              // a duplicate key
            "[{\"x\":1}]",                   // an array for the object
            "42",                             // a number for the object
            "\"text\"",                       // a string for the object
            "{\"x\":",                        // truncated
            "{\"x\":\"\\u0000' OR 1=1--<script>\"}", // NUL and injection in a value
            "{\"x\":1e999999}");              // a number too large for anything
    private static final List<String> BAD_PATH_VALUES = List.of("%00", "'%20OR%201=1--", "..%2F..%2Fetc%2Fpasswd",
            "8968700000000000000", "%3Cscript%3E", "x".repeat(300));
    private static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "0", "99999999999999999999", "%00",
            "'%20OR%201=1--", "1.5");

    private BadInputSweep() {
    }

    /** One answer that broke a rule: which call, what came back. */
    public record Violation(String call, int status, String why) {
        @Override
        public String toString() {
            return call + " -> " + status + ": " + why;
        }
    }

    /**
     * What the sweep did: how many calls, what was wrong, and how many bodies with a field of the wrong type
     * were refused naming that field (the others met a role or scope check before their body was read).
     */
    public record Result(int calls, List<Violation> violations, int fieldsRefused) {
        /** The line a sweep test prints of {@link #runAsEveryCaller}: how many calls, as whom, what came of it. */
        public String summary() {
            return "bad-input sweep: " + calls + " calls as " + everyCaller().keySet() + ", " + fieldsRefused
                    + " wrongly typed fields refused by name, " + violations.size() + " violations";
        }
    }

    /**
     * Who a sweep calls as: each role alone (a role check answers first for most operations, and its
     * refusal must be a problem too), a customer of the app (the customer's own routes take bodies no
     * staff token reaches), and every staff role at once (so that role checks do not hide the input checks).
     */
    public static Map<String, String> everyCaller() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("partner-shop", LocalAuth.bearer("sweep-partner-shop", Set.of("partner-shop"), "SHOP-SWEEP"));
        callers.put("support-desk", LocalAuth.bearer("sweep-support-desk", Set.of("support-desk"), null));
        callers.put("operator", LocalAuth.bearer("sweep-operator", Set.of("operator"), null));
        callers.put("analyst", LocalAuth.bearer("sweep-analyst", Set.of("analyst"), null));
        callers.put("customer", LocalAuth.customer("sweep-customer", "APP"));
        callers.put("every staff role", LocalAuth.allRoles());
        return callers;
    }

    /** {@link #run} as each of {@link #everyCaller()}; each violation names the caller it was found as. */
    public static Result runAsEveryCaller(DataSource database) throws SQLException {
        int calls = 0;
        int fieldsRefused = 0;
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, String> caller : everyCaller().entrySet()) {
            Result result = run(caller.getValue(), database);
            calls += result.calls();
            fieldsRefused += result.fieldsRefused();
            result.violations().forEach(v -> violations.add(new Violation("as " + caller.getKey() + ": " + v.call(),
                    v.status(), v.why())));
        }
        return new Result(calls, violations, fieldsRefused);
    }

    /**
     * Sweeps every operation of the service REST Assured points at, as {@code bearer} and without a
     * token; checks that no table of {@code database} but the audit log changed. An operation the roles of
     * {@code bearer} do not allow is called once, and its 403 checked: the role check answers before any
     * input is read.
     */
    public static Result run(String bearer, DataSource database) throws SQLException {
        Map<String, Long> before = rowCounts(database);
        JsonPath document = given().noFilters().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Violation> violations = new ArrayList<>();
        int calls = 0;
        int fieldsRefused = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                String method = operation.getKey();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) operation.getValue();
                List<String> queryParams = parameters(spec, "query");
                String plain = fill(path.getKey(), "8968700000000000000");
                // without a token
                calls++;
                check(violations, method + " " + plain + " (no token)",
                        given().noFilters().contentType(ContentType.JSON).body("{}").request(method, plain), true);
                // a caller whose roles do not allow the operation is refused before anything reads its input: that
                // refusal is checked, and the input is swept as the callers who get past it
                calls++;
                Response probe = request(bearer, method).contentType(ContentType.JSON).body("{}").request(method, plain);
                check(violations, method + " " + plain + " (role check)", probe, false);
                if (probe.statusCode() == 403 && "urn:esim:problem:forbidden".equals(probe.jsonPath().getString("type"))) {
                    continue;
                }
                for (String value : BAD_PATH_VALUES) {
                    if (!path.getKey().contains("{")) {
                        break;
                    }
                    String url = fill(path.getKey(), value);
                    calls++;
                    check(violations, method + " " + url, request(bearer, method).urlEncodingEnabled(false)
                            .contentType(ContentType.JSON).body("{}").request(method, url), false);
                }
                for (String query : queryParams) {
                    for (String value : BAD_QUERY_VALUES) {
                        String url = plain + "?" + query + "=" + value;
                        calls++;
                        check(violations, method + " " + url, request(bearer, method).urlEncodingEnabled(false)
                                .request(method, url), false);
                    }
                }
                if (WRITES.contains(method)) {
                    for (String body : BAD_BODIES) {
                        calls++;
                        check(violations, method + " " + plain + " body " + abbreviate(body), request(bearer, method)
                                .contentType(ContentType.JSON).body(body).request(method, plain), true);
                    }
                    for (Map.Entry<String, String> wrong : wrongFields(spec, document).entrySet()) {
                        calls++;
                        String field = wrong.getKey().substring(0, wrong.getKey().indexOf(' '));
                        Response response = request(bearer, method).contentType(ContentType.JSON).body(wrong.getValue())
                                .request(method, plain);
                        String call = method + " " + plain + " body " + wrong.getValue();
                        check(violations, call, response, true);
                        if (response.statusCode() == 400) {
                            JsonPath problem = response.jsonPath();
                            if ("urn:esim:problem:invalid-field".equals(problem.getString("type"))
                                    && String.valueOf(problem.getString("detail")).contains("'" + field + "'")) {
                                fieldsRefused++;
                            } else {
                                violations.add(new Violation(call, 400, "not refused for its wrong " + field + " ("
                                        + wrong.getKey() + ") but: " + problem.getString("type") + " " + problem.getString("detail")));
                            }
                        }
                    }
                    calls += 2;
                    check(violations, method + " " + plain + " as text/plain", request(bearer, method)
                            .contentType(ContentType.TEXT).body("{\"x\":1}").request(method, plain), true);
                    check(violations, method + " " + plain + " 100 KB body", request(bearer, method)
                            .contentType(ContentType.JSON).body("{\"x\":\"" + "x".repeat(100_000) + "\"}")
                            .request(method, plain), true);
                }
            }
        }
        Map<String, Long> after = rowCounts(database);
        for (Map.Entry<String, Long> table : before.entrySet()) {
            if (!table.getValue().equals(after.get(table.getKey()))) {
                violations.add(new Violation("the sweep", 0, "table " + table.getKey() + " went from " + table.getValue()
                        + " to " + after.get(table.getKey()) + " rows"));
            }
        }
        return new Result(calls, violations, fieldsRefused);
    }

    /**
     * For each top-level field of the operation's JSON body (as its schema in the document says), bodies
     * that give it a value of the wrong JSON type, each keyed by the field and what is wrong: a number or
     * a boolean for a string, a fraction, a string or a boolean for an integer, a number or a string for a
     * boolean, an ordinal or an unknown name for an enum, a string for an object or an array. A lenient
     * mapper would coerce most of these; the answer must name the field.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> wrongFields(Map<String, Object> operation, JsonPath document) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Object requestBody = operation.get("requestBody");
        if (!(requestBody instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)
                || !(content.get("application/json") instanceof Map<?, ?> json)) {
            return bodies;
        }
        Map<String, Object> schema = resolve((Map<String, Object>) json.get("schema"), document);
        if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return bodies;
        }
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            String field = String.valueOf(property.getKey());
            Map<String, Object> type = resolve((Map<String, Object>) property.getValue(), document);
            if (type == null) {
                continue;
            }
            List<String> wrongValues;
            if (type.get("enum") != null) {
                wrongValues = List.of("0", "\"NO-SUCH-VALUE\"");
            } else {
                wrongValues = switch (String.valueOf(type.get("type"))) {
                    case "string" -> List.of("123", "true");
                    case "integer" -> List.of("1.5", "\"3\"", "true");
                    case "number" -> List.of("\"3\"", "true");
                    case "boolean" -> List.of("1", "\"true\"");
                    case "object", "array" -> List.of("\"x\"");
                    default -> List.of();
                };
            }
            for (String value : wrongValues) {
                bodies.put(field + " " + type.getOrDefault("type", "enum") + " given " + value,
                        "{\"" + field + "\":" + value + "}");
            }
        }
        return bodies;
    }

    /** A schema with its {@code $ref} (to the document's components) followed; null when unknown. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, JsonPath document) {
        if (schema == null) {
            return null;
        }
        Object ref = schema.get("$ref");
        if (ref instanceof String reference && reference.startsWith("#/components/schemas/")) {
            Map<String, Object> schemas = document.getMap("components.schemas");
            return schemas == null ? null : (Map<String, Object>) schemas.get(reference.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static RequestSpecification request(String bearer, String method) {
        return given().noFilters().header("Authorization", bearer).header("Idempotency-Key", java.util.UUID.randomUUID().toString());
    }

    private static void check(List<Violation> violations, String call, Response response, boolean mustRefuse) {
        int status = response.statusCode();
        if (status >= 500) {
            violations.add(new Violation(call, status, "a server error"));
            return;
        }
        if (status < 400) {
            if (mustRefuse) {
                violations.add(new Violation(call, status, "accepted what must be refused"));
            }
            return;
        }
        String type = response.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            violations.add(new Violation(call, status, "not a problem: " + type));
            return;
        }
        JsonPath problem = response.jsonPath();
        if (problem.getString("type") == null || problem.getString("type").isBlank()) {
            violations.add(new Violation(call, status, "a problem without a type"));
        }
        String detail = String.valueOf(problem.getString("detail")) + " " + String.valueOf(problem.getString("title"));
        if (INTERNALS.matcher(detail).find()) {
            violations.add(new Violation(call, status, "internals in the problem: " + detail));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> parameters(Map<String, Object> operation, String in) {
        List<String> names = new ArrayList<>();
        Object parameters = operation.get("parameters");
        if (parameters instanceof List<?> list) {
            for (Object parameter : list) {
                Map<String, Object> p = (Map<String, Object>) parameter;
                if (in.equals(p.get("in"))) {
                    names.add(String.valueOf(p.get("name")));
                }
            }
        }
        return names;
    }

    private static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
    }

    private static String abbreviate(String body) {
        return body.length() > 30 ? body.substring(0, 30) + "…" : body;
    }

    private static Map<String, Long> rowCounts(DataSource database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    select table_name from information_schema.tables
                    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (Iterator<String> it = tables.iterator(); it.hasNext(); ) {
                String table = it.next();
                if (MAY_CHANGE.contains(table)) {
                    continue;
                }
                try (ResultSet count = statement.executeQuery("select count(*) from \"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }
}
