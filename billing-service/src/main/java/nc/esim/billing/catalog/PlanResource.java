package nc.esim.billing.catalog;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class PlanResource {

    @GET
    @Operation(summary = "The plans on sale (retired plans are not listed)")
    public List<PlanView> onSale() {
        return Plan.<Plan>list("retired = false order by priceMinor").stream().map(PlanView::of).toList();
    }
}
