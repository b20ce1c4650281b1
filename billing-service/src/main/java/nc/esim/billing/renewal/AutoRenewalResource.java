package nc.esim.billing.renewal;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.SubscriptionView;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/subscriptions/{iccid}/auto-renewal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "renewals")
public class AutoRenewalResource {
    private final Checkout checkout;
    private final Clock clock;

    public AutoRenewalResource(Checkout checkout, Clock clock) {
        this.clock = clock;
        this.checkout = checkout;
    }

    @PUT
    @Transactional
    @Operation(operationId = "setAutoRenewal", summary = "Turn auto-renewal on or off",
            description = "On, the platform places a renewal of the subscription's plan two days before it ends, and "
                    + "one starting at once when its data runs out; the payment provider charges the stored method and "
                    + "confirms through the signed callback. Setting the same value again changes nothing.")
    @APIResponse(responseCode = "200", description = "The subscription with its setting")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, or on without CARD or PAYPAL",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public SubscriptionView set(@PathParam("iccid") @ValidIccid String iccid, @NotNull @Valid AutoRenewalSetting setting) {
        Subscription subscription = checkout.lock(iccid);
        subscription.autoRenewal(setting.enabled() ? setting.paymentMethod().name() : null);
        return SubscriptionView.of(subscription, null, clock.instant());
    }
}
