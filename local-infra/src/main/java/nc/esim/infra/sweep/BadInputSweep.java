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
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.restassured.path.json.JsonPath;

/**
 * A bad-input sweep generated from a running service's own OpenAPI document: every operation, called
 * with what a careless client or an attacker sends (malformed JSON, trailing garbage, duplicate keys,
 * an array or a number for the object, wrong content type, an oversized body, NUL and injection strings
 * in path and query parameters, unparseable and huge limits and cursors, no token). Every answer must
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

    /** What the sweep did: how many calls, and what was wrong. */
    public record Result(int calls, List<Violation> violations) {
    }

    /**
     * Sweeps every operation of the service REST Assured points at, as {@code bearer} (a token with every
     * role, so that role checks do not hide the input checks) and without a token; checks that no table
     * of {@code database} but the audit log changed.
     */
    public static Result run(String bearer, DataSource database) throws SQLException {
        Map<String, Long> before = rowCounts(database);
        JsonPath document = given().noFilters().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Violation> violations = new ArrayList<>();
        int calls = 0;
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
        return new Result(calls, violations);
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
