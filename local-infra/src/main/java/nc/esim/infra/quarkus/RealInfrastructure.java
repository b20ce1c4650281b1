package nc.esim.infra.quarkus;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nc.esim.contracts.Topics;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.auth.RestAssuredAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.postgres.LocalPostgres;

/**
 * Gives a {@code @QuarkusTest} the real things: the JVM's shared Kafka broker with the platform's
 * topics, and a fresh PostgreSQL database of its own, dropped when the test resource stops.
 *
 * <p>Arguments: {@code database} (the name prefix, e.g. {@code usage}; omit for a service with no
 * database), {@code partitions} (per topic, default 4) and {@code kafka-principal} (the service's Kafka
 * user, default {@code <database>-service}): the service under test connects as itself, with only
 * the rights {@code KafkaAccessPolicy} gives it.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private String database;
    private String databasePrefix;
    private int partitions = 4;
    private KafkaPrincipal principal;

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.get("database");
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "4"));
        String user = initArgs.getOrDefault("kafka-principal", databasePrefix + "-service");
        principal = Arrays.stream(KafkaPrincipal.values()).filter(p -> p.user().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + user));
    }

    @Override
    public Map<String, String> start() {
        LocalKafkaBroker broker = LocalKafkaBroker.shared();
        broker.createTopics(Topics.ALL, partitions);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.putAll(broker.serviceConfig(principal, "kafka."));
        config.put("mp.jwt.verify.publickey.location", LocalAuth.publicKeyLocation());
        authenticateRequests();
        if (databasePrefix != null) {
            LocalPostgres postgres = LocalPostgres.shared();
            database = postgres.createFreshDatabase("test_" + databasePrefix);
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.user());
            config.put("quarkus.datasource.password", postgres.password());
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            LocalPostgres.shared().dropDatabase(database);
        }
    }

    /**
     * Every REST Assured request of the test carries a token with all roles unless it sets its own
     * Authorization header: the API tests test behaviour, the access control tests set the token of the
     * role they check.
     */
    private static void authenticateRequests() {
        RestAssuredAuth.useByDefault(LocalAuth.allRoles());
    }

    /** For tests that publish or read records themselves. */
    public static LocalKafkaBroker broker() {
        return LocalKafkaBroker.shared();
    }

    private static EventPublisher events;

    /**
     * One publisher of events for every test of the JVM, as the platform's other services would publish
     * them to the shared broker; closed when the JVM exits.
     */
    public static synchronized EventPublisher events() {
        if (events == null) {
            EventPublisher publisher = new EventPublisher(broker());
            Runtime.getRuntime().addShutdownHook(new Thread(publisher::close, "test-event-publisher-close"));
            events = publisher;
        }
        return events;
    }
}
