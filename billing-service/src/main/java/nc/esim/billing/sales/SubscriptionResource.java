package nc.esim.billing.sales;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderView;
import nc.esim.billing.orders.SubscriptionView;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.ValidIccid;
import nc.esim.support.audit.Audited;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Caller;
import nc.esim.support.security.Roles;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions", description = "Selling plans to eSIMs, finding subscriptions, and their bill history")
public class SubscriptionResource {
    private final SubscriptionSales sales;
    private final Caller caller;
    private final java.time.Clock clock;

    public SubscriptionResource(SubscriptionSales sales, Caller caller, java.time.Clock clock) {
        this.sales = sales;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Operation(operationId = "sellPlan", summary = "Sell a plan to an eSIM",
            description = "Active at once when paid by card, PayPal or cash; PENDING until the payment provider's signed "
                    + "confirmation for bank transfer, WeChat Pay or Alipay. The selling shop is the token's shop_id; "
                    + "status, validity and price come from the catalog, never from the body.")
    @APIResponse(responseCode = "201", description = "Sold: the subscription and the number of its order",
            headers = @Header(name = "Location", description = "The subscription's address", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid ICCID, MSISDN, email or language, or a field the caller may not set")
    @APIResponse(responseCode = "403", description = "Not a partner shop, or its token carries no shop_id",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "forbidden", summary = "Forbidden"),
                    @ExampleObject(name = "shop-id-missing", summary = "Shop id missing")}))
    @APIResponse(responseCode = "409", description = "The ICCID or MSISDN already has a subscription",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-exists", summary = "Subscription exists")))
    @APIResponse(responseCode = "422", description = "No plan on sale has this code, or no rate for the currency",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "plan-not-on-sale", summary = "Plan not on sale"),
                    @ExampleObject(name = "currency-not-accepted", summary = "Currency not accepted")}))
    @RolesAllowed({Roles.PARTNER_SHOP})
    @Transactional // the audit entry commits with the sale (AuditedCalls)
    public Response sell(@NotNull @Valid SellPlanRequest request) {
        SubscriptionSales.Sale sale = sales.sell(request, caller.requireShopId());
        return Response.created(URI.create("/api/v1/subscriptions/" + sale.subscription().iccid))
                .entity(SubscriptionView.of(sale.subscription(), sale.order().orderNumber, clock.instant())).build();
    }

    @GET
    @Operation(operationId = "findSubscription", summary = "Find a subscription by MSISDN or by the number of any of its orders",
            description = "Give exactly one of msisdn and orderNumber. Finding by order number is for the support desk.")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "400", description = "Not exactly one of msisdn and orderNumber, or an invalid one",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "one-search-key", summary = "One search key"),
                    @ExampleObject(name = "invalid-msisdn", summary = "Invalid MSISDN")}))
    @APIResponse(responseCode = "403", description = "A partner shop looking a subscription up by order number",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "forbidden", summary = "Forbidden")))
    @APIResponse(responseCode = "404", description = "No subscription matches",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK})
    public SubscriptionView find(@Parameter(description = "+687 and 6 digits") @QueryParam("msisdn") String msisdn,
                                 @Parameter(description = "ORD-yyyyMMdd-NNNNNN (support desk only)") @QueryParam("orderNumber") String orderNumber) {
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
        return SubscriptionView.of(subscription, latestOrderNumber(subscription), clock.instant());
    }

    @GET
    @Path("/{iccid}/orders")
    @Operation(operationId = "listOrders", summary = "The bill history of a subscription: every order, newest first",
            description = "The sale, renewals, top-ups and extensions, with what was paid, in which currency, and the period each bought.")
    @APIResponse(responseCode = "200", description = "The orders")
    @APIResponse(responseCode = "400", description = "Not a valid ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
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
    @Operation(operationId = "getSubscription", summary = "A subscription by ICCID",
            description = "Its plan (the period running now), status, validity (as an instant and as a Nouméa time), "
                    + "auto-renewal, latest order, and the periods renewed ahead with their plans.")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "400", description = "Not a valid ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad-request", summary = "Bad Request")))
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "subscription-not-found", summary = "Subscription not found")))
    @RolesAllowed({Roles.PARTNER_SHOP, Roles.SUPPORT_DESK, Roles.CUSTOMER})
    public SubscriptionView byIccid(@PathParam("iccid") @ValidIccid String iccid) {
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow(() -> Problems.of(404, "subscription-not-found", "Subscription not found",
                "No subscription for this ICCID"));
        return SubscriptionView.of(subscription, latestOrderNumber(subscription), clock.instant());
    }
}
