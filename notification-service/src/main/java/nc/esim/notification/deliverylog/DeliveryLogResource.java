package nc.esim.notification.deliverylog;

import java.util.List;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;
import nc.esim.support.security.Roles;
import nc.esim.contracts.Identifiers;
import nc.esim.notification.queue.DeliveryStatus;
import nc.esim.support.problems.Problems;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "delivery log", description = "Every message sent to a customer, by email and SMS, and what became of it")
public class DeliveryLogResource {

    /** The channels a message goes by. */
    static final Set<String> CHANNELS = Set.of("EMAIL", "SMS");
    /** What becomes of a message: waiting, being sent, sent, confirmed on the handset, given up, or never sent. */
    static final Set<String> STATUSES = Arrays.stream(DeliveryStatus.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    @GET
    @Operation(operationId = "listNotifications", summary = "The messages of one eSIM, newest first",
            description = "Optionally of one channel and one status; at most limit of them.")
    @APIResponse(responseCode = "200", description = "The messages",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = NotificationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid ICCID, channel, status or limit",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "invalid-iccid", summary = "Invalid ICCID"),
                    @ExampleObject(name = "invalid-channel", summary = "Invalid channel"),
                    @ExampleObject(name = "invalid-status", summary = "Invalid status"),
                    @ExampleObject(name = "invalid-limit", summary = "Invalid limit")}))
    @APIResponse(responseCode = "404", description = "A customer asking about an eSIM not bound to its account",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown-iccid", summary = "Unknown ICCID")))
    @RolesAllowed({Roles.SUPPORT_DESK, Roles.OPERATOR, Roles.CUSTOMER})
    public List<NotificationView> byIccid(@QueryParam("iccid") String iccid,
                                          @Parameter(description = "EMAIL or SMS") @QueryParam("channel") String channel,
                                          @Parameter(description = "QUEUED, RETRYING, SENDING, SENT, DELIVERED, FAILED, EXPIRED or SUPPRESSED")
                                          @QueryParam("status") String status,
                                          @Parameter(description = "messages listed, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit) {
        if (!Identifiers.isValidIccid(iccid)) {
            throw Problems.of(400, "invalid-iccid", "Invalid ICCID",
                    "The iccid query parameter must be a 19 or 20 digit ICCID starting with 89687 with a Luhn digit");
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw Problems.of(400, "invalid-channel", "Invalid channel", "channel must be EMAIL or SMS");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw Problems.of(400, "invalid-status", "Invalid status",
                    "status must be one of QUEUED, RETRYING, SENDING, SENT, DELIVERED, FAILED, EXPIRED, SUPPRESSED");
        }
        if (limit < 1 || limit > 500) {
            throw Problems.of(400, "invalid-limit", "Invalid limit", "limit must be between 1 and 500");
        }
        StringBuilder query = new StringBuilder("iccid = :iccid");
        Parameters parameters = Parameters.with("iccid", iccid);
        if (channel != null) {
            query.append(" and channel = :channel");
            parameters.and("channel", channel);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return Notification.<Notification>find(query + " order by createdAt desc, channel", parameters)
                .page(0, limit).list().stream().map(NotificationView::of).toList();
    }
}
