package nc.esim.infra.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.io.Writer;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.process.ChildProcess;
import nc.esim.infra.process.Await;

/** One of the platform's services, run from its packaged {@code target/quarkus-app} in a JVM of its own. */
public final class QuarkusService implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How the service's JVM is sized and collects its garbage. */
    public enum Jvm {
        /**
         * Small and frugal, for tests and the local platform, which run several services and a broker
         * side by side: a 1 GiB heap collected by the serial collector.
         */
        SMALL(List.of("-Xms512m", "-Xmx1g", "-XX:+UseSerialGC")),
        /**
         * As {@code docker/Dockerfile} runs it: no options, the JVM's own choice for the machine (G1 and a
         * quarter of the memory as the heap's limit on a server-class machine). The ingest benchmark
         * measures usage-service this way: in the small JVM, perf found its VM thread (serial young and
         * full collections) at a fifth of the service's CPU.
         */
        AS_DEPLOYED(List.of());

        private final List<String> options;

        Jvm(List<String> options) {
            this.options = options;
        }
    }

    /** The profile that marks a service run by this harness (tests, benchmarks, the local platform), not production. */
    public static final String LOCAL_PROFILE = "local";

    private final Path projectRoot;
    /** The Maven module whose package runs. */
    private final String module;
    /** This instance's name (the module's, or e.g. {@code usage-service-2} for a second instance). */
    private final String name;
    private final int port;
    private final Map<String, String> config;
    private final Path logDir;
    private final Jvm jvm;
    private final ChildProcess process;

    private QuarkusService(Path projectRoot, String module, String name, int port, Map<String, String> config, Path logDir,
                           Jvm jvm, ChildProcess process) {
        this.projectRoot = projectRoot;
        this.module = module;
        this.name = name;
        this.port = port;
        this.config = Map.copyOf(config);
        this.logDir = logDir;
        this.jvm = jvm;
        this.process = process;
    }

    /**
     * Starts {@code <projectRoot>/<name>/target/quarkus-app} on {@code port} with the given configuration
     * and waits until its readiness check says UP. The configuration holds secrets (the Kafka login, the
     * payment-callback secret, the database password), so it goes into an owner-only
     * {@code config/application.properties} in the service's working directory ({@code <logDir>/<name>.run}),
     * which Quarkus reads over the packaged application.properties, never onto the command line, where
     * {@code ps} would show it to every user of the machine.
     */
    public static QuarkusService start(Path projectRoot, String name, int port, Map<String, String> config, Path logDir) {
        return start(projectRoot, name, port, config, logDir, Jvm.SMALL);
    }

    /** As {@link #start(Path, String, int, Map, Path)}, in a JVM set up as {@code jvmSetup} says. */
    public static QuarkusService start(Path projectRoot, String name, int port, Map<String, String> config, Path logDir,
                                       Jvm jvmSetup) {
        return start(projectRoot, name, name, port, config, logDir, jvmSetup);
    }

    /**
     * Starts one more instance of {@code module}, named {@code instance} (its log, its working directory),
     * e.g. a second usage-service in the same consumer groups.
     */
    public static QuarkusService start(Path projectRoot, String module, String instance, int port, Map<String, String> config,
                                       Path logDir, Jvm jvmSetup) {
        String name = instance;
        Path runner = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " missing: package the services first (./mvnw package -DskipTests)");
        }
        List<String> jvmOptions = new ArrayList<>(jvmSetup.options);
        jvmOptions.add("-Dquarkus.http.port=" + port);
        // production's configuration, plus what only the local platform may do: move the clock (esim.clock.*)
        jvmOptions.add("-Dquarkus.profile=prod," + LOCAL_PROFILE);
        Map<String, String> withKey = new java.util.LinkedHashMap<>(config);
        // the services verify bearer tokens with this JVM's key (LocalAuth signs the harness's tokens)
        withKey.putIfAbsent("mp.jwt.verify.publickey.location", LocalAuth.publicKeyLocation());
        Path workingDirectory = logDir.resolve(name + ".run");
        writeConfig(workingDirectory.resolve("config").resolve("application.properties"), withKey);
        // extra JVM options for every service, e.g. a flight recording while profiling a benchmark
        String extra = System.getenv("ESIM_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChildProcess process = ChildProcess.java(name, List.of(runner.toString()), jvmOptions,
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of(), Map.of(), logDir.resolve(name + ".log"),
                workingDirectory);
        QuarkusService service = new QuarkusService(projectRoot, module, name, port, config, logDir, jvmSetup, process);
        Await.until(name + " (log: " + process.log() + ")", Duration.ofSeconds(120), process::isAlive,
                service::isReady);
        return service;
    }

    private static void writeConfig(Path file, Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "written by QuarkusService; holds secrets, owner-only");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the service's /q/metrics says now (Prometheus text); empty when it does not answer. */
    public String metrics() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/metrics")))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String name() {
        return name;
    }

    /** The module this instance runs (its name, but for second instances). */
    public String module() {
        return module;
    }

    /** The log the service writes (standard output and error). */
    public Path log() {
        return process.log();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the service as a crash would ({@code kill -9}): no shutdown hook, no offset commit. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the same service again, same port and configuration, once this one is gone. */
    public QuarkusService startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start(projectRoot, module, name, port, config, logDir, jvm);
    }

    @Override
    public void close() {
        process.close();
    }
}
