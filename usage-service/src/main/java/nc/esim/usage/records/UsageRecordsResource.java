package nc.esim.usage.records;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.security.Roles;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.support.problems.Problems;
import nc.esim.usage.ApiInputs;
import nc.esim.usage.LocalDays;
import nc.esim.usage.UsageConfig;
import nc.esim.usage.privacy.RecordAccess;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/usage/{iccid}/records")
@Tag(name = "usage")
public class UsageRecordsResource {
    /** Without dates, a page looks back this far; an export needs at most the retention anyway. */
    private static final int DEFAULT_DAYS = 400;
    private static final int MAX_DAYS = 800;

    private final UsageRecordQuery query;
    private final RecordAccess access;
    private final UsageConfig config;
    private final Clock clock;

    public UsageRecordsResource(UsageRecordQuery query, RecordAccess access, UsageConfig config, Clock clock) {
        this.query = query;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON) // the default: a client that accepts anything gets JSON
    @Operation(operationId = "listUsageRecords", summary = "Itemised usage records of an eSIM, newest first, a page at a time",
            description = "Keyset pagination: pass the nextCursor of a page as cursor to get the next one; the last page "
                    + "has none. Dates are Pacific/Noumea days, both included. Every matching record as CSV: "
                    + "exportUsageRecords, or this path with Accept: text/csv (without cursor and limit).")
    @APIResponse(responseCode = "200", description = "A page of records", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageRecordView.Page.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "Invalid ICCID, type, date, range, limit or cursor",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID"),
                    @ExampleObject(name = "invalid-type", summary = "Invalid usage type"),
                    @ExampleObject(name = "invalid-date", summary = "Invalid date"),
                    @ExampleObject(name = "invalid-date-range", summary = "Invalid date range"),
                    @ExampleObject(name = "invalid-limit", summary = "Invalid page size"),
                    @ExampleObject(name = "invalid-cursor", summary = "Invalid cursor"),
                    @ExampleObject(name = "invalid-parameter", summary = "Invalid parameter")}))
    @APIResponse(responseCode = "403", description = "A partner shop asking for a subscription it did not sell",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "not-sold-by-this-shop", summary = "Not sold by this shop"),
                    @ExampleObject(name = "forbidden", summary = "Forbidden")}))
    @APIResponse(responseCode = "404", description = "The support desk asking for an ICCID with no subscription and no usage known",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public UsageRecordView.Page page(@PathParam("iccid") String iccid,
                                     @Parameter(description = "DATA, VOICE or SMS") @QueryParam("type") String type,
                                     @Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                                     @Parameter(description = "last local day, included") @QueryParam("to") String to,
                                     @Parameter(description = "records per page, 1 to usage.records.max-page-size (500)")
                                     @QueryParam("limit") Integer limit,
                                     @Parameter(description = "the nextCursor of the previous page") @QueryParam("cursor") String cursor)
            throws SQLException {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > config.records().maxPageSize()) {
            throw Problems.of(400, "invalid-limit", "Invalid page size",
                    "limit must be between 1 and " + config.records().maxPageSize());
        }
        Optional<RecordCursor> after = Optional.empty();
        if (cursor != null && !cursor.isBlank()) {
            after = Optional.of(RecordCursor.decode(cursor).orElseThrow(() -> Problems.of(400, "invalid-cursor",
                    "Invalid cursor", "cursor must be the nextCursor of a previous page, unchanged")));
        }
        String valid = ApiInputs.iccid(iccid);
        UsageRecordQuery.Filter filter = filter(type, from, to);
        return query.page(valid, filter, after, size, access.counterPartiesOf(valid));
    }

    /** The export asked for by content type on the pages' path (only by a client that asks for CSV); documented with listUsageRecords. */
    @GET
    @Produces("text/csv;qs=0.5")
    @Operation(hidden = true)
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public Response negotiatedExport(@PathParam("iccid") String iccid, @QueryParam("type") String type,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return export(iccid, type, from, to, cursor, limit);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(operationId = "exportUsageRecords", summary = "Every matching usage record of an eSIM as CSV, newest first, streamed",
            description = "The records of listUsageRecords, all of them, one line each, as an attachment.")
    @APIResponse(responseCode = "200", description = "CSV with a header line, as an attachment",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Invalid ICCID, type, date or range, or a cursor or limit (the export has none)",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID"),
                    @ExampleObject(name = "invalid-type", summary = "Invalid usage type"),
                    @ExampleObject(name = "invalid-date", summary = "Invalid date"),
                    @ExampleObject(name = "invalid-date-range", summary = "Invalid date range"),
                    @ExampleObject(name = "invalid-parameter", summary = "Invalid parameter")}))
    @APIResponse(responseCode = "403", description = "A partner shop asking for a subscription it did not sell",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "not-sold-by-this-shop", summary = "Not sold by this shop"),
                    @ExampleObject(name = "forbidden", summary = "Forbidden")}))
    @APIResponse(responseCode = "404", description = "The support desk asking for an ICCID with no subscription and no usage known",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public Response export(@PathParam("iccid") String iccid,
                           @Parameter(description = "DATA, VOICE or SMS") @QueryParam("type") String type,
                           @Parameter(description = "first local day, e.g. 2026-11-01") @QueryParam("from") String from,
                           @Parameter(description = "last local day, included") @QueryParam("to") String to,
                           @Parameter(hidden = true) @QueryParam("cursor") String cursor,
                           @Parameter(hidden = true) @QueryParam("limit") String limit) {
        String valid = ApiInputs.iccid(iccid);
        if (cursor != null || limit != null) {
            // the JSON pages take these; an export that ignored them would quietly answer another question
            throw Problems.of(400, "invalid-parameter", "Invalid parameter",
                    "The CSV export streams every matching record: it takes no cursor and no limit");
        }
        UsageRecordQuery.Filter filter = filter(type, from, to);
        UnaryOperator<String> counterParties = access.counterPartiesOf(valid);
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            out.write(UsageRecordsCsv.HEADER);
            query.export(valid, filter, counterParties, record -> UsageRecordsCsv.write(out, record));
            out.flush();
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"usage-" + valid + ".csv\"").build();
    }

    private UsageRecordQuery.Filter filter(String type, String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.NOUMEA));
        LocalDays days = LocalDays.parse(from, to, today.minusDays(DEFAULT_DAYS), today, MAX_DAYS);
        Optional<UsageType> usageType = Optional.empty();
        if (type != null && !type.isBlank()) {
            try {
                usageType = Optional.of(UsageType.valueOf(type.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw Problems.of(400, "invalid-type", "Invalid usage type", "type must be DATA, VOICE or SMS");
            }
        }
        return new UsageRecordQuery.Filter(days, usageType);
    }
}
