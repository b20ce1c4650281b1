package nc.esim.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.TopicExistsException;

import nc.esim.infra.process.ChildProcess;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * from Apache Kafka's own jars in a JVM of its own. Replication settings are those of a single node
 * (offsets and transaction state logs at 1), so idempotent and transactional producers work.
 *
 * <p>Locked down as production is: clients authenticate with SASL/SCRAM-SHA-512 as one of the
 * {@link KafkaPrincipal}s, and {@code StandardAuthorizer} allows only what {@link KafkaAccessPolicy}
 * grants. The controller listener (loopback only) uses SASL/PLAIN, since KRaft cannot check SCRAM
 * before its own metadata is loaded. Passwords are random per work directory, kept in
 * {@code credentials.properties} (owner-only) there, and never on a command line: the administrator's
 * SCRAM credential reaches the storage format tool through an argument file ({@code ExitWithParent @file}).
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/esim-kafka-broker.classpath";
    private static LocalKafkaBroker shared;

    private static final String SCRAM = "SCRAM-SHA-512";

    private final int port;
    private final ChildProcess process;
    private final KafkaCredentials credentials;
    private final Path workDir;

    private LocalKafkaBroker(int port, ChildProcess process, KafkaCredentials credentials, Path workDir) {
        this.port = port;
        this.process = process;
        this.credentials = credentials;
        this.workDir = workDir;
    }

    /** One broker for this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalKafkaBroker shared() {
        if (shared == null || !shared.process.isAlive()) {
            try {
                shared = start(Files.createTempDirectory("esim-kafka-"), FreePort.find());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Formats storage in {@code workDir} (if not yet formatted) and starts a broker on {@code port}. */
    public static LocalKafkaBroker start(Path workDir, int port) {
        try {
            Files.createDirectories(workDir);
            KafkaCredentials credentials = KafkaCredentials.in(workDir);
            int controllerPort = FreePort.find();
            Path config = workDir.resolve("server.properties");
            KafkaCredentials.writeOwnerOnly(config,
                    serverProperties(workDir.resolve("data"), port, controllerPort, credentials.password(KafkaPrincipal.ADMIN)));
            Path log4j = workDir.resolve("log4j2.properties");
            try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("/esim-kafka-log4j2.properties")) {
                Files.copy(in, log4j, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> classpath = brokerClasspath();
            List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                    "-Dlog4j2.configurationFile=" + log4j, "-Dkafka.logs.dir=" + workDir.resolve("logs"));
            Path log = workDir.resolve("broker.log");
            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                format(classpath, jvm, config, log, workDir, credentials.password(KafkaPrincipal.ADMIN));
            }
            ChildProcess process = ChildProcess.java("kafka", classpath, jvm, "kafka.Kafka",
                    List.of(config.toString()), Map.of(), log);
            LocalKafkaBroker broker = new LocalKafkaBroker(port, process, credentials, workDir);
            Await.until("Kafka broker (log: " + log + ")", Duration.ofSeconds(60), process::isAlive,
                    broker::acceptsRequests);
            broker.grantAccess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(List<String> classpath, List<String> jvm, Path config, Path log, Path workDir,
                               String adminPassword) throws IOException {
        // the administrator's SCRAM credential goes into the bootstrap metadata; the others are created
        // through the Admin API once the broker runs (grantAccess)
        Path arguments = workDir.resolve("format.args");
        KafkaCredentials.writeOwnerOnly(arguments, String.join("\n", "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(),
                "--add-scram", SCRAM + "=[name=" + KafkaPrincipal.ADMIN.user() + ",password=" + adminPassword + "]"));
        ChildProcess format = ChildProcess.java("kafka-storage-format", classpath, jvm, "@" + arguments,
                List.of(), Map.of(), log);
        int exit = format.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed with exit code " + exit + " (log: " + log + ")");
        }
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort, String adminPassword) {
        String admin = KafkaPrincipal.ADMIN.user();
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + SCRAM,
                "sasl.mechanism.inter.broker.protocol=" + SCRAM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + KafkaCredentials.scramJaas(admin, adminPassword),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"" + admin + "\" password=\"" + adminPassword + "\" user_" + admin + "=\""
                        + adminPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=" + KafkaPrincipal.ADMIN.aclPrincipal(),
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + dataDir,
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") ;
    }

    private static List<String> brokerClasspath() throws IOException {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build kafka-broker-runtime first");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.asList(text.split(java.io.File.pathSeparator));
        }
    }

    private boolean acceptsRequests() {
        if (!FreePort.answers("127.0.0.1", port)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Freezes the broker (SIGSTOP): it keeps its connections open and answers nothing, as a hung host would. */
    public void pause() {
        process.signal("STOP");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public void resume() {
        process.signal("CONT");
    }

    /** The owner-only file with every principal's password (user name = password). */
    public Path credentialsFile() {
        return workDir.resolve("credentials.properties");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * What a Kafka client needs to connect as {@code principal}: the bootstrap servers, SASL_PLAINTEXT,
     * SCRAM-SHA-512 and the principal's login.
     */
    public Map<String, Object> as(KafkaPrincipal principal) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.putAll(serviceConfig(principal, ""));
        return config;
    }

    /** {@link #as} the administrator: the harness's view of every topic and group. */
    public Map<String, Object> asAdmin() {
        return as(KafkaPrincipal.ADMIN);
    }

    /**
     * A service's Kafka login as configuration properties, each name prefixed with {@code prefix}
     * ({@code "kafka."} for a Quarkus service): security protocol, mechanism and JAAS login.
     */
    public Map<String, String> serviceConfig(KafkaPrincipal principal, String prefix) {
        return Map.of(prefix + "security.protocol", "SASL_PLAINTEXT",
                prefix + "sasl.mechanism", SCRAM,
                prefix + "sasl.jaas.config", KafkaCredentials.scramJaas(principal.user(), credentials.password(principal)));
    }

    /** A Quarkus service's whole Kafka configuration when it connects as {@code principal}: {@code kafka.*}. */
    public Map<String, String> quarkusConfig(KafkaPrincipal principal) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers());
        config.putAll(serviceConfig(principal, "kafka."));
        return config;
    }

    /** Creates (or resets) every principal's SCRAM credential and every ACL of {@link KafkaAccessPolicy}. */
    private void grantAccess() {
        try (Admin admin = admin()) {
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new java.util.ArrayList<>();
            for (KafkaPrincipal principal : KafkaPrincipal.values()) {
                if (principal != KafkaPrincipal.ADMIN) {
                    users.add(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(principal.user(),
                            new org.apache.kafka.clients.admin.ScramCredentialInfo(
                                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096),
                            credentials.password(principal)));
                }
            }
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(KafkaAccessPolicy.bindings()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Kafka principals and ACLs", e);
        }
        Await.until("Kafka SCRAM credentials of every principal", Duration.ofSeconds(30), process::isAlive,
                this::everyPrincipalAuthenticates);
    }

    private boolean everyPrincipalAuthenticates() {
        for (KafkaPrincipal principal : KafkaPrincipal.values()) {
            Properties config = new Properties();
            config.putAll(as(principal));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lets {@code principal} write (and describe) {@code topic} too: for a test that has a service publish
     * to a topic of its own, outside the platform's policy.
     */
    public void allowWrite(KafkaPrincipal principal, String topic) {
        try (Admin admin = admin()) {
            admin.createAcls(List.of(AclOperation.WRITE, AclOperation.DESCRIBE).stream()
                    .map(operation -> new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                            new AccessControlEntry(principal.aclPrincipal(), "*", operation, AclPermissionType.ALLOW)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot let " + principal + " write " + topic, e);
        }
    }

    /** An Admin client of the administrator (super user). */
    public Admin admin() {
        Properties config = new Properties();
        config.putAll(asAdmin());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(config);
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1).configs(nc.esim.contracts.Topics.CONFIGS.getOrDefault(t, java.util.Map.of())))
                    .collect(Collectors.toList());
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        }
    }

    /** Stops the broker cleanly; a later {@link #start} on the same work dir restarts it with its data. */
    @Override
    public void close() {
        process.close();
    }
}
