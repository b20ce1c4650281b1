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
import org.apache.kafka.common.errors.TopicExistsException;

import nc.esim.infra.process.ChildProcess;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * from Apache Kafka's own jars in a JVM of its own. Replication settings are those of a single node
 * (offsets and transaction state logs at 1), so idempotent and transactional producers work.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/esim-kafka-broker.classpath";
    private static LocalKafkaBroker shared;

    private final int port;
    private final ChildProcess process;

    private LocalKafkaBroker(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
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
            int controllerPort = FreePort.find();
            Path config = workDir.resolve("server.properties");
            Files.writeString(config, serverProperties(workDir.resolve("data"), port, controllerPort));
            Path log4j = workDir.resolve("log4j2.properties");
            try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("/esim-kafka-log4j2.properties")) {
                Files.copy(in, log4j, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> classpath = brokerClasspath();
            List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                    "-Dlog4j2.configurationFile=" + log4j, "-Dkafka.logs.dir=" + workDir.resolve("logs"));
            Path log = workDir.resolve("broker.log");
            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                format(classpath, jvm, config, log);
            }
            ChildProcess process = ChildProcess.java("kafka", classpath, jvm, "kafka.Kafka",
                    List.of(config.toString()), Map.of(), log);
            LocalKafkaBroker broker = new LocalKafkaBroker(port, process);
            Await.until("Kafka broker (log: " + log + ")", Duration.ofSeconds(60), process::isAlive,
                    broker::acceptsRequests);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(List<String> classpath, List<String> jvm, Path config, Path log) {
        ChildProcess format = ChildProcess.java("kafka-storage-format", classpath, jvm, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()),
                Map.of(), log);
        int exit = format.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed with exit code " + exit + " (log: " + log + ")");
        }
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(config);
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).collect(Collectors.toList());
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
