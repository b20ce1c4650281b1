package nc.esim.billing.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.BoundEsims;

/** billing-service answers customer calls from its own bindings; another eSIM is as unknown as one never sold. */
@ApplicationScoped
public class BillingBoundEsims implements BoundEsims {
    private final EsimBindings bindings;

    public BillingBoundEsims(EsimBindings bindings) {
        this.bindings = bindings;
    }

    @Override
    public boolean isBound(String account, String iccid) {
        return bindings.isBound(account, iccid);
    }

    @Override
    public Response notYours() {
        return Problems.response(404, "subscription-not-found", "Subscription not found", "No subscription for this ICCID").build();
    }

    static HttpProblem notFound() {
        return Problems.of(404, "subscription-not-found", "Subscription not found", "No subscription for this ICCID");
    }
}
