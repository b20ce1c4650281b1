package nc.esim.infra.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nc.esim.contracts.Topics;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.mail.LocalSmtp;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;

/**
 * The whole platform on this machine: a Kafka broker, a database per service on PostgreSQL, an SMTP
 * server and an SMS centre that keep what they receive, and the three packaged services. Used by the start command and by the end-to-end tests.
 */
public final class Platform implements AutoCloseable {
    public static final List<String> SERVICES = List.of("billing-service", "usage-service", "notification-service");
    /** The Kafka principal each service connects as. */
    private static final Map<String, KafkaPrincipal> PRINCIPALS = Map.of("billing-service", KafkaPrincipal.BILLING,
            "usage-service", KafkaPrincipal.USAGE, "notification-service", KafkaPrincipal.NOTIFICATION);

    /**
     * @param projectRoot   the checkout, whose {@code <service>/target/quarkus-app} are run
     * @param workDir       broker data and logs
     * @param kafkaPort     preferred broker port (another is chosen when it is taken)
     * @param firstHttpPort preferred port of billing-service; usage and notification take the next two;
     *                      0 gives every service a free port
     * @param databases     database name per service; each is dropped and created empty
     * @param partitions    partitions per topic
     * @param serviceConfig extra configuration per service (system properties), e.g. quiet hours off for tests
     * @param consolePort   the operators' console's preferred port after the services; -1 starts no console,
     *                      0 a free port
     * @param usageInstances how many usage-service instances share its consumer groups and database (the
     *                      second is {@code usage-service-2}, on a free port)
     * @param postgres      the PostgreSQL server the databases are created on; null: {@link LocalPostgres#shared()}
     */
    public record Options(Path projectRoot, Path workDir, int kafkaPort, int firstHttpPort,
                          Map<String, String> databases, int partitions, Map<String, Map<String, String>> serviceConfig,
                          int consolePort, int usageInstances, LocalPostgres postgres) {

        public Options(Path projectRoot, Path workDir, int kafkaPort, int firstHttpPort, Map<String, String> databases,
                       int partitions) {
            this(projectRoot, workDir, kafkaPort, firstHttpPort, databases, partitions, Map.of());
        }

        public Options(Path projectRoot, Path workDir, int kafkaPort, int firstHttpPort, Map<String, String> databases,
                       int partitions, Map<String, Map<String, String>> serviceConfig) {
            this(projectRoot, workDir, kafkaPort, firstHttpPort, databases, partitions, serviceConfig, -1, 1, null);
        }

        /** The same platform with the operators' console on {@code port} (0: a free one). */
        public Options withConsole(int port) {
            return new Options(projectRoot, workDir, kafkaPort, firstHttpPort, databases, partitions, serviceConfig, port,
                    usageInstances, postgres);
        }

        /** The same platform with {@code count} usage-service instances in one consumer group. */
        public Options withUsageInstances(int count) {
            return new Options(projectRoot, workDir, kafkaPort, firstHttpPort, databases, partitions, serviceConfig,
                    consolePort, count, postgres);
        }

        /** The same platform on the given PostgreSQL server (for instance a private one a benchmark restarts). */
        public Options withPostgres(LocalPostgres server) {
            return new Options(projectRoot, workDir, kafkaPort, firstHttpPort, databases, partitions, serviceConfig,
                    consolePort, usageInstances, server);
        }
    }

    /** The operators' console module, started after the services when asked for. */
    public static final String CONSOLE = "operator-console";

    /**
     * The secret the local platform's billing-service checks payment confirmations with (HMAC-SHA256);
     * the demo, the benchmarks and the tests sign their confirmations with it. Local use only.
     */
    public static final String PAYMENT_CALLBACK_SECRET = "local-platform-payment-callback-secret";
    /** The key billing-service hashes one-time binding codes under, on the local platform. */
    public static final String BINDING_CODE_KEY = "local-platform-binding-code-key";

    private volatile LocalKafkaBroker broker;
    private final Path brokerDir;
    private final int brokerPort;
    private final LocalPostgres postgres;
    private final Map<String, QuarkusService> services;
    private final LocalSmtp smtp;
    private final SmscSimulator smsc;

    private final Path clockFile;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile long clockOffsetReadAt;

    private Platform(LocalKafkaBroker broker, Path brokerDir, LocalPostgres postgres, Map<String, QuarkusService> services,
                     LocalSmtp smtp, SmscSimulator smsc, Path clockFile) {
        this.clockFile = clockFile;
        this.smtp = smtp;
        this.smsc = smsc;
        this.broker = broker;
        this.brokerDir = brokerDir;
        this.brokerPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        this.postgres = postgres;
        this.services = services;
    }

    public static Platform start(Options options) {
        return start(options, step -> { });
    }

    /** As {@link #start(Options)}, telling {@code progress} each step as it begins. */
    public static Platform start(Options options, java.util.function.Consumer<String> progress) {
        progress.accept("PostgreSQL: checking the server, creating the databases");
        LocalPostgres postgres = options.postgres() != null ? options.postgres() : LocalPostgres.shared();
        options.databases().values().forEach(postgres::recreateDatabase);
        progress.accept("Kafka: starting a broker (KRaft) and creating the topics");
        LocalKafkaBroker broker = LocalKafkaBroker.start(options.workDir().resolve("kafka"),
                portOrFree(options.kafkaPort()));
        broker.createTopics(Topics.ALL, options.partitions());
        progress.accept("SMTP server and SMS centre: starting");
        LocalSmtp smtp = LocalSmtp.start(FreePort.find());
        SmscSimulator smsc = SmscSimulator.start(FreePort.find());

        Path clockFile = options.workDir().resolve(CLOCK_OFFSET_FILE);
        writeClockOffset(clockFile, Duration.ZERO);
        Map<String, QuarkusService> services = new LinkedHashMap<>();
        try {
            int port = options.firstHttpPort();
            for (String name : SERVICES) {
                Map<String, String> config = new LinkedHashMap<>();
                config.putAll(broker.quarkusConfig(PRINCIPALS.get(name)));
                config.put("esim.clock.offset-file", clockFile.toAbsolutePath().toString());
                String database = options.databases().get(name);
                if (database != null) {
                    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
                    config.put("quarkus.datasource.username", postgres.user());
                    config.put("quarkus.datasource.password", postgres.password());
                }
                if ("billing-service".equals(name)) {
                    config.put("billing.payments.callback-secret", PAYMENT_CALLBACK_SECRET);
                    config.put("billing.bindings.code-key", BINDING_CODE_KEY);
                }
                if ("notification-service".equals(name)) {
                    config.put("quarkus.mailer.host", "127.0.0.1");
                    config.put("quarkus.mailer.port", String.valueOf(smtp.port()));
                    config.put("quarkus.mailer.start-tls", "DISABLED");
                    config.put("notification.sms.smsc.host", "127.0.0.1");
                    config.put("notification.sms.smsc.port", String.valueOf(smsc.port()));
                }
                config.putAll(options.serviceConfig().getOrDefault(name, Map.of()));
                int preferred = port == 0 ? 0 : port++;
                progress.accept(name + ": starting (migrates its database, joins its consumer groups)");
                services.put(name, QuarkusService.start(options.projectRoot(), name, portOrFree(preferred), config,
                        options.workDir().resolve("logs")));
                if ("usage-service".equals(name)) {
                    for (int instance = 2; instance <= options.usageInstances(); instance++) {
                        String instanceName = name + "-" + instance;
                        progress.accept(instanceName + ": starting (joins usage-service's consumer groups)");
                        services.put(instanceName, QuarkusService.start(options.projectRoot(), name, instanceName,
                                FreePort.find(), config, options.workDir().resolve("logs"), QuarkusService.Jvm.SMALL));
                    }
                }
            }
            if (options.consolePort() >= 0) {
                progress.accept(CONSOLE + ": starting");
                services.put(CONSOLE, QuarkusService.start(options.projectRoot(), CONSOLE,
                        portOrFree(options.consolePort()), consoleConfig(broker, services, clockFile), options.workDir().resolve("logs")));
            }
        } catch (RuntimeException e) {
            services.values().forEach(QuarkusService::close);
            broker.close();
            smtp.close();
            smsc.close();
            throw e;
        }
        return new Platform(broker, options.workDir().resolve("kafka"), postgres, services, smtp, smsc, clockFile);
    }

    /** The file, in the work directory, that every service reads its clock's offset from (esim.clock.offset-file). */
    public static final String CLOCK_OFFSET_FILE = "clock-offset";

    /** Writes {@code offset} to a clock-offset file, atomically (a service never reads half of it). */
    public static void writeClockOffset(Path file, Duration offset) {
        try {
            Files.createDirectories(file.getParent());
            Path written = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(written, offset.toString() + "\n");
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clock offset to " + file, e);
        }
    }

    /**
     * Moves every service's clock to {@code offset} ahead of the machine's (forward only: the services
     * refuse to go back) and returns once each reports it on /q/metrics ({@code esim_clock_offset_seconds}).
     * What days bring (reminders, expiry, grace, the end of quiet hours) then happens at once.
     */
    public void moveClock(Duration offset) {
        if (offset.compareTo(clockOffset()) < 0) {
            throw new IllegalArgumentException("the platform's clock moves forward only: it runs " + clockOffset
                    + " ahead, " + offset + " asked");
        }
        writeClockOffset(clockFile, offset);
        clockOffset = offset;
        String expected = "esim_clock_offset_seconds " + (double) offset.toSeconds();
        for (QuarkusService service : services.values()) {
            Await.until(service.name() + " moving its clock to " + offset, Duration.ofSeconds(30), service::isAlive,
                    () -> service.metrics().lines().anyMatch(line -> line.startsWith(expected)));
        }
    }

    /** The console reads the services' APIs with an operator's token of its own, and Kafka's Admin API. */
    private static Map<String, String> consoleConfig(LocalKafkaBroker broker, Map<String, QuarkusService> services,
                                                     Path clockFile) {
        Map<String, String> config = new LinkedHashMap<>(broker.quarkusConfig(KafkaPrincipal.CONSOLE));
        config.put("esim.clock.offset-file", clockFile.toAbsolutePath().toString());
        config.putAll(Map.of("console.sources.billing", services.get("billing-service").url(""),
                "console.sources.usage", services.get("usage-service").url(""),
                "console.sources.notification", services.get("notification-service").url(""),
                "console.sources.token", LocalAuth.bearer("operator-console", java.util.Set.of("operator"), null)
                        .substring("Bearer ".length())));
        return config;
    }

    private static int portOrFree(int preferred) {
        return preferred > 0 && !FreePort.answers("127.0.0.1", preferred) ? preferred : FreePort.find();
    }

    /**
     * The platform's time: the machine's UTC clock plus what {@link #moveClock} moved the services by, for
     * what plays their peers (the carrier's CDRs are stamped with it).
     */
    public java.time.Clock clock() {
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return java.time.Clock.offset(java.time.Clock.system(zone), clockOffset);
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.now().plus(clockOffset());
            }
        };
    }

    /**
     * How far the services' clocks run ahead of the machine's: what the offset file says (bin/clock writes
     * it too), read again at most once a second.
     */
    public Duration clockOffset() {
        long now = System.nanoTime();
        if (now - clockOffsetReadAt > 1_000_000_000L) {
            clockOffsetReadAt = now;
            try {
                Duration inFile = Duration.parse(Files.readString(clockFile).trim());
                if (inFile.compareTo(clockOffset) > 0) {
                    clockOffset = inFile;
                }
            } catch (IOException | java.time.format.DateTimeParseException unreadable) {
                // the services keep their offset too
            }
        }
        return clockOffset;
    }

    public LocalKafkaBroker broker() {
        return broker;
    }

    /** The SMTP server notification-service sends its emails to. */
    public LocalSmtp smtp() {
        return smtp;
    }

    /** The SMS centre notification-service sends its SMS to. */
    public SmscSimulator smsc() {
        return smsc;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public QuarkusService service(String name) {
        QuarkusService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    /** Stops a service cleanly (its consumers leave their groups) and starts it again; returns once it is ready. */
    public QuarkusService stopAndRestart(String name, Runnable whileStopped) {
        QuarkusService stopped = service(name);
        stopped.close();
        whileStopped.run();
        QuarkusService restarted = stopped.startAgain();
        services.put(name, restarted);
        return restarted;
    }

    /**
     * Stops the broker, keeps it down for {@code downtime} and starts it again on the same port and data:
     * the services see Kafka go away and come back, as in a broker restart.
     */
    public void restartBroker(java.time.Duration downtime) throws InterruptedException {
        stopBroker();
        Thread.sleep(downtime.toMillis());
        startBroker();
    }

    /** Freezes the broker (SIGSTOP) until {@link #resumeBroker}: clients see it hang, not go away. */
    public void pauseBroker() {
        broker.pause();
    }

    /** Lets the paused broker go on (SIGCONT). */
    public void resumeBroker() {
        broker.resume();
    }

    /** Stops the broker cleanly; the services keep running without Kafka until {@link #startBroker}. */
    public void stopBroker() {
        broker.close();
    }

    /** Starts the broker again on the same port and data after {@link #stopBroker}. */
    public void startBroker() {
        broker = LocalKafkaBroker.start(brokerDir, brokerPort);
    }

    /** Kills a service as a crash would and starts it again; returns once it is ready. */
    public QuarkusService crashAndRestart(String name) throws InterruptedException {
        QuarkusService crashed = service(name);
        crashed.kill();
        QuarkusService restarted = crashed.startAgain();
        services.put(name, restarted);
        return restarted;
    }

    public List<QuarkusService> services() {
        return new ArrayList<>(services.values());
    }

    /** Stops the services, then the broker; the databases stay for inspection. */
    @Override
    public void close() {
        List<QuarkusService> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(QuarkusService::close);
        broker.close();
        smtp.close();
        smsc.close();
    }
}
