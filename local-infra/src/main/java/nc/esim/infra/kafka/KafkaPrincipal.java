package nc.esim.infra.kafka;

/**
 * Who talks to the platform's broker: one SASL/SCRAM user per service, plus carrier mediation, the
 * analysts and the administrator that creates topics, users and ACLs. {@link KafkaAccessPolicy} says
 * what each may do; {@link LocalKafkaBroker} creates their credentials.
 */
public enum KafkaPrincipal {
    /** The super user: creates topics, users and ACLs; the test harness observes topics as it. */
    ADMIN("admin"),
    BILLING("billing-service"),
    USAGE("usage-service"),
    NOTIFICATION("notification-service"),
    /** The operators' console: consumer lag and the rejected topics. */
    CONSOLE("operator-console"),
    /** The carrier's mediation system, the only writer of CDRs. */
    MEDIATION("carrier-mediation"),
    /** The analysts' tools: the analytics topics only, never personal data. */
    ANALYST("analyst");

    private final String user;

    KafkaPrincipal(String user) {
        this.user = user;
    }

    /** The SCRAM user name, and the ACLs' principal {@code User:<name>}. */
    public String user() {
        return user;
    }

    public String aclPrincipal() {
        return "User:" + user;
    }
}
