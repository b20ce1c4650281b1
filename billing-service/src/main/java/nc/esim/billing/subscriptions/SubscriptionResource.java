package nc.esim.billing.subscriptions;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nc.esim.support.problems.Problems;

@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
public class SubscriptionResource {
    private final SubscriptionSales sales;

    public SubscriptionResource(SubscriptionSales sales) {
        this.sales = sales;
    }

    @POST
    @Operation(summary = "Sell a plan to an eSIM: the subscription is active at once")
    @APIResponse(responseCode = "201", description = "Sold; Location names the subscription")
    @APIResponse(responseCode = "400", description = "Invalid ICCID, MSISDN, email or language")
    @APIResponse(responseCode = "409", description = "The ICCID or MSISDN already has a subscription")
    @APIResponse(responseCode = "422", description = "No plan on sale has this code")
    public Response sell(@NotNull @Valid SellPlanRequest request) {
        SubscriptionSales.Sale sale = sales.sell(request);
        return Response.created(URI.create("/api/v1/subscriptions/" + sale.subscription().iccid))
                .entity(SubscriptionView.of(sale.subscription(), sale.order().orderNumber)).build();
    }

    @GET
    @Path("/{iccid}")
    @Operation(summary = "A subscription by ICCID")
    @APIResponse(responseCode = "404", description = "No subscription for this ICCID")
    public SubscriptionView byIccid(@PathParam("iccid") @ValidIccid String iccid) {
        Subscription subscription = Subscription.byIccid(iccid).orElseThrow(() -> Problems.of(404, "subscription-not-found", "Subscription not found",
                "No subscription for this ICCID"));
        String orderNumber = CustomerOrder.<CustomerOrder>find("subscriptionId = ?1 order by createdAt desc",
                subscription.id).firstResultOptional().map(o -> o.orderNumber).orElse(null);
        return SubscriptionView.of(subscription, orderNumber);
    }
}
