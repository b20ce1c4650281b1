package nc.esim.support.security;

/**
 * The roles a bearer token may carry (its {@code groups} claim); the matrix of who may do what is in
 * docs/access-control.md and on each endpoint's {@code @RolesAllowed}.
 */
public final class Roles {
    /** An authorised partner shop in Nouméa; its token carries its {@code shop_id}. */
    public static final String PARTNER_SHOP = "partner-shop";
    /** The operator's customer-service desk. */
    public static final String SUPPORT_DESK = "support-desk";
    /** The operator's staff running the catalog, rates, promotions and dashboards. */
    public static final String OPERATOR = "operator";
    /** Analytics: aggregates and exports without personal data. */
    public static final String ANALYST = "analyst";
    /**
     * A customer of the operator, signed in to its app or website; the token's subject is the customer's
     * account and its {@code channel} claim APP or WEB. It sees only the eSIMs bound to its account
     * ({@link CustomerScope}).
     */
    public static final String CUSTOMER = "customer";

    private Roles() {
    }
}
