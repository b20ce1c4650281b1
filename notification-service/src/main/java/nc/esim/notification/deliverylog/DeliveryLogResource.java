package nc.esim.notification.deliverylog;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.security.Roles;
import nc.esim.contracts.Identifiers;
import nc.esim.support.problems.Problems;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "delivery log")
public class DeliveryLogResource {

    @GET
    @Operation(summary = "The messages of one eSIM, newest first")
    @RolesAllowed({Roles.SUPPORT_DESK, Roles.OPERATOR})
    public List<NotificationView> byIccid(@QueryParam("iccid") String iccid,
                                          @QueryParam("limit") @DefaultValue("50") int limit) {
        if (!Identifiers.isValidIccid(iccid)) {
            throw Problems.of(400, "invalid-iccid", "Invalid ICCID",
                    "The iccid query parameter must be a 19 or 20 digit ICCID starting with 89687 with a Luhn digit");
        }
        if (limit < 1 || limit > 500) {
            throw Problems.of(400, "invalid-limit", "Invalid limit", "limit must be between 1 and 500");
        }
        return Notification.<Notification>find("iccid = ?1 order by createdAt desc, channel", iccid)
                .page(0, limit).list().stream().map(NotificationView::of).toList();
    }
}
