package nc.esim.billing.consent;

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
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.orders.SubscriptionView;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.audit.Audited;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/subscriptions/{iccid}/counter-party-consent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
public class CounterPartyConsentResource {
    private final Checkout checkout;
    private final Clock clock;
    private final SubscriptionEvents events;

    public CounterPartyConsentResource(Checkout checkout, Clock clock, SubscriptionEvents events) {
        this.clock = clock;
        this.events = events;
        this.checkout = checkout;
    }

    @PUT
    @Transactional
    @Operation(operationId = "setCounterPartyConsent",
            summary = "Record the customer's consent to the support desk seeing counter-party numbers in full, or its withdrawal",
            description = "usage-service learns it from CONSENT_CHANGED on esim.subscription.v1. Setting the same value "
                    + "again changes nothing and emits nothing.")
    @APIResponse(responseCode = "200", description = "The subscription with its consent")
    @APIResponse(responseCode = "400", description = "Invalid ICCID or body",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public SubscriptionView set(@PathParam("iccid") @ValidIccid String iccid, @NotNull @Valid CounterPartyConsent consent) {
        Subscription subscription = checkout.lock(iccid);
        if (subscription.counterPartyConsent != consent.granted()) {
            subscription.counterPartyConsent(consent.granted());
            events.publish(SubscriptionEventType.CONSENT_CHANGED, subscription, null, null, clock.instant());
        }
        return SubscriptionView.of(subscription, null, clock.instant());
    }
}
