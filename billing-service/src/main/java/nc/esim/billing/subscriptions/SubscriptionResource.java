package nc.esim.billing.subscriptions;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.audit.Audited;
import nc.esim.support.security.Caller;
import nc.esim.support.security.Roles;
import nc.esim.support.problems.Problems;

@Audited
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
public class SubscriptionResource {
    private final SubscriptionSales sales;
    private final Caller caller;

    public SubscriptionResource(SubscriptionSales sales, Caller caller) {
        this.sales = sales;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Sell a plan to an eSIM: active at once when paid by card, PayPal or cash; PENDING until the "
            + "payment provider's signed confirmation for bank transfer, WeChat Pay or Alipay")
    @APIResponse(responseCode = "201", description = "Sold; Location names the subscription")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, MSISDN, email or language, or a field the caller may not set")
    @APIResponse(responseCode = "403", description = "Not a partner shop, or its token carries no shop_id")
    @APIResponse(responseCode = "409", description = "The ICCID or MSISDN already has a subscription")
    @APIResponse(responseCode = "422", description = "No plan on sale has this code, or no rate for the currency")
    @RolesAllowed({Roles.PARTNER_SHOP})
    public Response sell(@NotNull @Valid SellPlanRequest request) {
        SubscriptionSales.Sale sale = sales.sell(request, caller.requireShopId());
        return Response.created(URI.create("/api/v1/subscriptions/" + sale.subscription().iccid))
                .entity(SubscriptionView.of(sale.subscription(), sale.order().orderNumber)).build();
    }

    @GET
    @Operation(summary = "Find a subscription by MSISDN or by the number of any of its orders")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "400", description = "Not exactly one of msisdn and orderNumber, or an invalid one")
    @APIResponse(responseCode = "404", description = "No subscription matches")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public SubscriptionView find(@QueryParam("msisdn") String msisdn, @QueryParam("orderNumber") String orderNumber) {
        boolean byMsisdn = msisdn != null && !msisdn.isBlank();
        boolean byOrder = orderNumber != null && !orderNumber.isBlank();
        if (byMsisdn == byOrder) {
            throw Problems.of(400, "one-search-key", "One search key",
                    "Give exactly one of msisdn (+687 and 6 digits) and orderNumber (ORD-yyyyMMdd-NNNNNN)");
        }
        Optional<Subscription> found;
        if (byMsisdn) {
            if (!msisdn.matches("\\+687\\d{6}")) {
                throw Problems.of(400, "invalid-msisdn", "Invalid MSISDN", "An MSISDN here is +687 followed by 6 digits");
            }
            found = Subscription.find("msisdn", msisdn).firstResultOptional();
        } else {
            // order numbers are the support desk's key: a shop finds the subscriptions it is presented by number
            if (!caller.is(Roles.SUPPORT_DESK)) {
                throw Problems.of(403, "forbidden", "Forbidden", "Looking a subscription up by order number is for the support desk");
            }
            found = CustomerOrder.<CustomerOrder>findByIdOptional(orderNumber)
                    .flatMap(order -> Subscription.<Subscription>findByIdOptional(order.subscriptionId));
        }
        Subscription subscription = found.orElseThrow(() -> Problems.of(404, "subscription-not-found",
                "Subscription not found", "No subscription matches this " + (byMsisdn ? "MSISDN" : "order number")));
        return SubscriptionView.of(subscription, latestOrderNumber(subscription));
    }

    @GET
    @Path("/{iccid}/orders")
    @Operation(summary = "The bill history of a subscription: every order, newest first")
    @APIResponse(responseCode = "200", description = "The orders")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public List<OrderView> orders(@PathParam("iccid") @ValidIccid String iccid) {
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow(() -> Problems.of(404,
                "subscription-not-found", "Subscription not found", "No subscription for this ICCID"));
        return CustomerOrder.<CustomerOrder>list("subscriptionId = ?1 order by createdAt desc, orderNumber desc",
                subscription.id).stream().map(OrderView::of).toList();
    }

    private static String latestOrderNumber(Subscription subscription) {
        return CustomerOrder.<CustomerOrder>find("subscriptionId = ?1 order by createdAt desc, orderNumber desc",
                subscription.id).firstResultOptional().map(o -> o.orderNumber).orElse(null);
    }

    @GET
    @Path("/{iccid}")
    @Operation(summary = "A subscription by ICCID")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public SubscriptionView byIccid(@PathParam("iccid") @ValidIccid String iccid) {
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow(() -> Problems.of(404, "subscription-not-found", "Subscription not found",
                "No subscription for this ICCID"));
        return SubscriptionView.of(subscription, latestOrderNumber(subscription));
    }
}
