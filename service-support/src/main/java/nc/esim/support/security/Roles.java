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

    private Roles() {
    }
}
