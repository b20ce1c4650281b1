package nc.esim.infra.openapi;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.restassured.http.ContentType;

/**
 * The OpenAPI document a service serves, held against the one committed in {@code docs/openapi/<service>.yaml},
 * which partner shops generate their clients from, the build lints, and the generated clients are built
 * from. When the two differ, the served one is written to {@code target/openapi/<service>.yaml} for a
 * review; with {@code -Dopenapi.update=true} it replaces the committed one.
 */
public final class CommittedOpenApi {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 20;
    private static final Pattern THROWN = Pattern.compile(
            "Problems\\.(?:of|response)\\(\\s*\\d+,\\s*\"([a-z0-9-]+)\"");

    private CommittedOpenApi() {
    }

    /** The committed document of {@code service}, from a module of the project (the working directory). */
    public static Path committed(String service) {
        return Path.of("..", "docs", "openapi", service + ".yaml");
    }

    /** The document the service under test serves (REST Assured's base URI), as JSON. */
    public static JsonNode served() {
        String body = given().noFilters().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the served document and the committed one differ, as JSON pointers with both values (none
     * when they agree); writes the served one as described above when they differ.
     */
    public static List<String> differences(String service) {
        JsonNode served = served();
        Path committedPath = committed(service);
        try {
            JsonNode committed = Files.exists(committedPath) ? YAML.readTree(committedPath.toFile()) : null;
            List<String> differences = new ArrayList<>();
            compare("", committed, served, differences);
            if (!differences.isEmpty()) {
                boolean update = Boolean.getBoolean("openapi.update");
                Path out = update ? committedPath : Path.of("target", "openapi", service + ".yaml");
                Files.createDirectories(out.getParent());
                YAML.writeValue(out.toFile(), served);
                if (update) {
                    return List.of();
                }
            }
            return differences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String pointer, JsonNode committed, JsonNode served, List<String> differences) {
        if (differences.size() >= SHOWN) {
            return;
        }
        if (committed != null && served != null && committed.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), committed.get(name), served.get(name), differences);
            }
        } else if (committed != null && served != null && committed.isArray() && served.isArray()
                && committed.size() == served.size()) {
            Iterator<JsonNode> c = committed.elements();
            Iterator<JsonNode> s = served.elements();
            for (int i = 0; c.hasNext(); i++) {
                compare(pointer + "/" + i, c.next(), s.next(), differences);
            }
        } else if (!equal(committed, served)) {
            differences.add((pointer.isEmpty() ? "/" : pointer) + ": committed " + shorten(committed) + ", served " + shorten(served));
        }
    }

    /** Numbers compare by value: YAML reads 1.0 back as a double where JSON had an integer. */
    private static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String shorten(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    /**
     * The problem types the sources under {@code sources} raise with a literal code
     * ({@code Problems.of(404, "subscription-not-found", ...)}) that no response of the committed
     * document names as an example.
     */
    public static SortedSet<String> undocumentedProblemTypes(String service, Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            JsonNode committed = YAML.readTree(committed(service).toFile());
            Set<String> documented = new HashSet<>();
            committed.findValues("examples").forEach(examples -> examples.fieldNames().forEachRemaining(documented::add));
            SortedSet<String> thrown = new TreeSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = THROWN.matcher(Files.readString(file));
                while (matcher.find()) {
                    thrown.add(matcher.group(1));
                }
            }
            thrown.removeAll(documented);
            return thrown;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The error responses (4xx, 5xx) of the committed document that are not an {@code application/problem+json}
     * problem naming at least one problem type {@code urn:esim:problem:<name>} as an example, as
     * {@code operationId status}.
     */
    public static List<String> errorResponsesWithoutProblemTypes(String service) {
        try {
            JsonNode document = YAML.readTree(committed(service).toFile());
            List<String> untyped = new ArrayList<>();
            document.get("paths").forEach(item -> item.fields().forEachRemaining(operation ->
                    operation.getValue().path("responses").fields().forEachRemaining(entry -> {
                        if (entry.getKey().matches("[45]\\d\\d") && !typed(document, entry.getValue())) {
                            untyped.add(operation.getValue().path("operationId").asText() + " " + entry.getKey());
                        }
                    })));
            return untyped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean typed(JsonNode document, JsonNode response) {
        JsonNode resolved = response.has("$ref") ? document.at(response.get("$ref").asText().substring(1)) : response;
        JsonNode examples = resolved.path("content").path("application/problem+json").path("examples");
        if (examples.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> example = it.next();
            if (!example.getValue().path("value").path("type").asText().equals("urn:esim:problem:" + example.getKey())) {
                return false;
            }
        }
        return true;
    }
}
