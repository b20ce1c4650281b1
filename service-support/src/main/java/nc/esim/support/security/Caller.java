package nc.esim.support.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import nc.esim.support.problems.Problems;

/** Who is calling: the verified bearer token's subject, roles and, for a partner shop, its shop id. */
@RequestScoped
public class Caller {
    /** The claim of a partner shop's token that names the shop. */
    public static final String SHOP_ID_CLAIM = "shop_id";
    /** The claim of a customer's token that names where the customer signed in: APP or WEB. */
    public static final String CHANNEL_CLAIM = "channel";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** The token's subject; "anonymous" for the few calls that need none (a payment provider's callback). */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** The shop id of a partner shop's token, when the caller is one and its token names it. */
    public Optional<String> shopId() {
        return is(Roles.PARTNER_SHOP) ? shopIdOf(identity.getPrincipal()) : Optional.empty();
    }

    /** The shop id claim of a verified token, if it has one. */
    public static Optional<String> shopIdOf(java.security.Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object shop = token.getClaim(SHOP_ID_CLAIM);
        String id = shop == null ? null : shop.toString().replace("\"", "").strip();
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** The shop id of a partner shop making a sale: a shop token without one is refused (403). */
    public String requireShopId() {
        return shopId().orElseThrow(() -> Problems.of(403, "shop-id-missing", "Shop id missing",
                "A partner shop's token must carry its shop_id claim"));
    }

    /**
     * Whose account a call is on: a partner shop's (any clerk of the shop), or else the token subject's.
     * Idempotency keys are scoped by it, so that no caller can replay another's key to read its answer.
     */
    public String account() {
        return shopId().map(shop -> "shop:" + shop).orElseGet(() -> "subject:" + name());
    }

    /** Whether the token carries the customer role: then it sees only its own eSIMs, whatever else it carries. */
    public boolean isCustomer() {
        return is(Roles.CUSTOMER);
    }

    /**
     * Where a customer signed in, from its token's {@code channel} claim: APP or WEB. A customer token
     * without one of these is refused (403 channel-missing): its orders must say where they came from.
     */
    public String requireCustomerChannel() {
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(CHANNEL_CLAIM) : null;
        String channel = claim == null ? "" : claim.toString().replace("\"", "").strip();
        if (!channel.equals("APP") && !channel.equals("WEB")) {
            throw Problems.of(403, "channel-missing", "Channel missing",
                    "A customer's token must carry its channel claim, APP or WEB");
        }
        return channel;
    }

    /** Whether the caller is the partner shop named {@code shop} (false for a null shop). */
    public boolean isShop(String shop) {
        return shop != null && shopId().filter(shop::equals).isPresent();
    }
}
