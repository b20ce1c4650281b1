package nc.esim.support.security;

import jakarta.ws.rs.core.Response;

/**
 * Which eSIMs a customer account holds, as this service knows it: billing from its own bindings, the
 * others from {@code esim.customer-binding.v1}. {@link CustomerScope} asks it on every customer call.
 */
public interface BoundEsims {
    /** Whether {@code iccid} is bound to the customer account {@code account} (the token subject). */
    boolean isBound(String account, String iccid);

    /**
     * The answer to a customer asking about an eSIM not bound to its account: this service's own answer
     * for an ICCID it does not know, so that guessing ICCIDs tells nothing of which exist.
     */
    Response notYours();
}
