package nc.esim.support.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every operation of these APIs shares, written once into each service's OpenAPI document, so
 * that a client generated from it knows every answer it may get:
 * <ul>
 * <li>every error is an {@code application/problem+json} problem, and each problem type it can be is
 * a named example ({@code invalid-iccid}: {@code {"type":"urn:esim:problem:invalid-iccid",...}}).
 * A resource names its own types as {@code @ExampleObject(name = code, summary = title)}; this fills
 * in their values;</li>
 * <li>the answers of the shared filters, which no resource declares: 429 ({@link
 * nc.esim.support.limits.RateLimits}) and 503 ({@link ProblemResponses}) with {@code Retry-After} on
 * every call, 401 and 403 on every call that takes a bearer token, and a body's 400, 413 and 415 on every call with a
 * body.</li>
 * </ul>
 * It runs at build time, so the document served is the one the build stored.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {
    public static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_PREFIX = "urn:esim:problem:";
    private static final String PROBLEM = "#/components/schemas/HttpProblem";
    private static final String VALIDATION_PROBLEM = "#/components/schemas/HttpValidationProblem";
    /** The bearer token's scheme, as {@code quarkus.smallrye-openapi.security-scheme-name} names it. */
    private static final String BEARER = "bearerJwt";
    private static final String RETRY_AFTER = "Retry-After";
    private static final String TOO_MANY_REQUESTS = "TooManyRequests";
    private static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
    private static final String BODY_TOO_LARGE = "BodyTooLarge";
    private static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    private static final Map<String, Identifier> IDENTIFIERS = Map.of(
            "iccid", new Identifier("The eSIM's ICCID: 89687 (New Caledonia), 19 or 20 digits, the last a Luhn check digit",
                    "^89687\\d{14,15}$", "8968712345678901230"),
            "msisdn", new Identifier("A New Caledonian phone number: +687 and 6 digits", "^\\+687\\d{6}$", "+687751234"));
    /** Marks a media type this filter made, so that it is made once; removed before the document is served. */
    private static final String OWNED = "x-esim-problem";

    /** What an identifier of the platform is, wherever it appears. */
    record Identifier(String description, String pattern, String example) {
    }

    /** One problem type: its code (the end of its type URI) and its title. */
    record ProblemType(String code, String title) {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        describeProblemSchemas(components);
        describeLocalTimes(components);
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(OpenApiContract::describeProperties);
        }
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before sending the request again (with the same Idempotency-Key where it has one)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        sharedResponses(components);
        if (openAPI.getPaths() == null) {
            components.getResponses().values().forEach(OpenApiContract::unmark);
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                operations(item).forEach(this::completeResponses);
                operations(item).forEach(OpenApiContract::describeParameters);
            }
        });
        openAPI.getPaths().getPathItems().values().forEach(item -> operations(item).forEach(operation ->
                operation.getResponses().getAPIResponses().values().forEach(OpenApiContract::unmark)));
        components.getResponses().values().forEach(OpenApiContract::unmark);
        dropUnreferencedResponses(openAPI);
    }

    /** A service without a body to refuse has no use for the 413 and 415 every body shares. */
    private static void dropUnreferencedResponses(OpenAPI openAPI) {
        Set<String> referenced = new HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> operations(item).forEach(operation ->
                operation.getResponses().getAPIResponses().values().stream().filter(r -> r.getRef() != null)
                        .forEach(r -> referenced.add(r.getRef().substring(r.getRef().lastIndexOf('/') + 1)))));
        new ArrayList<>(openAPI.getComponents().getResponses().keySet()).stream()
                .filter(name -> !referenced.contains(name))
                .forEach(openAPI.getComponents()::removeResponse);
    }

    private static void unmark(APIResponse response) {
        MediaType media = response.getContent() == null ? null : response.getContent().getMediaType(PROBLEM_JSON);
        if (media != null && media.getExtensions() != null) {
            media.removeExtension(OWNED);
            if (media.getExtensions().isEmpty()) {
                media.setExtensions(null);
            }
        }
    }

    private static List<Operation> operations(PathItem item) {
        return item.getOperations().values().stream().toList();
    }

    private void completeResponses(Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean bearer = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.hasScheme(BEARER));
        if (operation.getRequestBody() != null) {
            problem(responses, "400", "Invalid request", List.of(
                    new ProblemType("malformed-json", "Malformed JSON"),
                    new ProblemType("unknown-field", "Unknown field"),
                    new ProblemType("invalid-field", "Invalid field"),
                    new ProblemType("bad-request", "Bad Request")));
            shared(responses, "413", BODY_TOO_LARGE);
            shared(responses, "415", UNSUPPORTED_MEDIA_TYPE);
        }
        if (bearer) {
            problem(responses, "401", "No valid bearer token", List.of(new ProblemType("unauthorized", "Unauthorized")));
            problem(responses, "403", "The token's roles do not allow this call", List.of(new ProblemType("forbidden", "Forbidden")));
        }
        shared(responses, "429", TOO_MANY_REQUESTS);
        shared(responses, "503", DATABASE_UNAVAILABLE);
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getRef() == null) {
                typeExamples(status, response);
            }
        });
    }

    /** A reference to one of the responses every operation shares, unless the operation declares its own. */
    private static void shared(APIResponses responses, String status, String name) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }

    /** The responses every operation shares, once in the components. */
    private static void sharedResponses(Components components) {
        APIResponses made = OASFactory.createAPIResponses();
        problem(made, "429", "Too many calls from this caller; wait Retry-After seconds",
                List.of(new ProblemType("rate-limited", "Too many requests")))
                .addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        problem(made, "503", "The database cannot be reached just now; nothing was changed. Send the request again after "
                + "Retry-After seconds", List.of(new ProblemType("database-unavailable", "Database unavailable")))
                .addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        problem(made, "413", "The body is larger than this API takes", List.of(new ProblemType("body-too-large", "Request body too large")));
        problem(made, "415", "The body is not sent as application/json",
                List.of(new ProblemType("unsupported-media-type", "Unsupported media type")));
        Map<String, String> names = Map.of("429", TOO_MANY_REQUESTS, "503", DATABASE_UNAVAILABLE, "413", BODY_TOO_LARGE,
                "415", UNSUPPORTED_MEDIA_TYPE);
        made.getAPIResponses().forEach((status, response) -> {
            typeExamples(status, response);
            components.addResponse(names.get(status), response);
        });
    }

    /** The response for {@code status}, made when missing, with each of {@code types} as an example. */
    private static APIResponse problem(APIResponses responses, String status, String description, List<ProblemType> types) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, response);
        } else if (List.of("Not Authorized", "Not Allowed").contains(response.getDescription())) {
            response.setDescription(description); // the security scanner's words, ours are plainer
        }
        MediaType media = problemMedia(status, response);
        for (ProblemType type : types) {
            if (media.getExamples() == null || !media.getExamples().containsKey(type.code())) {
                media.addExample(type.code(), OASFactory.createExample().summary(type.title()));
            }
        }
        return response;
    }

    /**
     * The response's problem+json media type, with the problem schema; any other error media type goes.
     * The scanner shares one model object between equal annotations, so each response gets a copy of its own.
     */
    private static MediaType problemMedia(String status, APIResponse response) {
        Content content = response.getContent();
        MediaType existing = content == null ? null : content.getMediaType(PROBLEM_JSON);
        if (existing != null && Boolean.TRUE.equals(existing.getExtensions() == null ? null : existing.getExtensions().get(OWNED))) {
            return existing;
        }
        MediaType media = OASFactory.createMediaType().addExtension(OWNED, true)
                .schema(OASFactory.createSchema().ref("400".equals(status) ? VALIDATION_PROBLEM : PROBLEM));
        if (existing != null && existing.getExamples() != null) {
            existing.getExamples().forEach((code, example) ->
                    media.addExample(code, OASFactory.createExample().summary(example.getSummary()).description(example.getDescription())));
        }
        response.setContent(OASFactory.createContent().addMediaType(PROBLEM_JSON, media));
        return media;
    }

    /** Every problem example gets its value from its name (the code), summary (the title) and status. */
    private static void typeExamples(String status, APIResponse response) {
        MediaType media = problemMedia(status, response);
        if (media.getExamples() == null || media.getExamples().isEmpty()) {
            String code = ProblemResponses.slug(reason(status), Integer.parseInt(status));
            media.addExample(code, OASFactory.createExample().summary(reason(status)));
        }
        media.getExamples().forEach((code, example) -> fill(example, code, Integer.parseInt(status)));
    }

    private static void fill(Example example, String code, int status) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", TYPE_PREFIX + code);
        value.put("title", example.getSummary() == null ? code : example.getSummary());
        value.put("status", status);
        example.setValue(value);
    }

    private static String reason(String status) {
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(Integer.parseInt(status));
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    /** The library's problem schemas, with this platform's type URIs rather than example.com's. */
    private static void describeProblemSchemas(Components components) {
        for (String name : List.of("HttpProblem", "HttpValidationProblem")) {
            Schema problem = components.getSchemas() == null ? null : components.getSchemas().get(name);
            if (problem == null) {
                continue;
            }
            problem.description("An RFC 9457 problem. Its type (urn:esim:problem:<code>) is stable and says what went wrong; "
                    + "each response lists the types it can have as named examples.");
            Schema type = problem.getProperties().get("type");
            type.description("urn:esim:problem: and the problem's code").examples(List.of(TYPE_PREFIX + "subscription-not-found"));
            problem.getProperties().get("title").examples(List.of("Subscription not found"));
            problem.getProperties().get("detail").examples(List.of("No subscription for this ICCID"));
            problem.getProperties().get("instance").format("uri-reference").description("The path of the request that failed")
                    .examples(List.of("/api/v1/subscriptions/8968712345678901230"));
        }
    }

    /**
     * The platform's identifiers and amounts mean the same wherever they are: an {@code iccid} is one of
     * New Caledonia's, an {@code msisdn} is +687 and 6 digits, and an amount ({@code ...Minor}) is in the
     * minor units of its currency, XPF unless a field beside it names another.
     */
    private static void describeProperties(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (property.getRef() != null) {
                return;
            }
            if (name.equals("iccid") || name.equals("msisdn")) {
                identifier(name, property);
            } else if (name.endsWith("Minor") && property.getDescription() == null) {
                property.description("An amount in XPF, in minor units (XPF has none: 1500 is 1,500 XPF)");
            }
        });
    }

    private static void describeParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().stream().filter(p -> "iccid".equals(p.getName()) || "msisdn".equals(p.getName()))
                .forEach(parameter -> {
                    if (parameter.getDescription() == null) {
                        parameter.description(IDENTIFIERS.get(parameter.getName()).description());
                    }
                    if (parameter.getSchema() != null && parameter.getSchema().getRef() == null) {
                        identifier(parameter.getName(), parameter.getSchema());
                        parameter.getSchema().description(null);
                    }
                });
    }

    private static void identifier(String name, Schema schema) {
        Identifier known = IDENTIFIERS.get(name);
        if (schema.getDescription() == null) {
            schema.description(known.description());
        }
        schema.pattern(known.pattern()).examples(List.of(known.example()));
    }

    /** Local times have no offset: they are Pacific/Noumea wall-clock times, not RFC 3339 date-times. */
    private static void describeLocalTimes(Components components) {
        Schema local = components.getSchemas() == null ? null : components.getSchemas().get("LocalDateTime");
        if (local != null) {
            local.format(null).pattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$")
                    .description("A Pacific/Noumea wall-clock time, without offset")
                    .examples(List.of("2026-12-01T08:30:00"));
        }
    }
}
