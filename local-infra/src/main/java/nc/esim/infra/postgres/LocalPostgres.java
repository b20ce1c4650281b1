package nc.esim.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import nc.esim.infra.process.ChildProcess;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;

/**
 * A real PostgreSQL server for tests and the local platform, found in this order:
 * <ol>
 * <li>the one named by {@code ESIM_PG_HOST}/{@code ESIM_PG_PORT}/{@code ESIM_PG_USER}/{@code ESIM_PG_PASSWORD};</li>
 * <li>one answering on 127.0.0.1:5432 (user postgres, trust authentication, as on these machines);</li>
 * <li>a private server started from the Debian {@code postgresql} package's binaries in a temporary
 * directory, run as the {@code postgres} user when we are root (PostgreSQL refuses to run as root).</li>
 * </ol>
 */
public final class LocalPostgres implements AutoCloseable {
    private static LocalPostgres shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    /** How to start the server we own again (null: a server we found). */
    private final List<String> serverCommand;
    /** How to stop it: pg_ctl's fast shutdown, as its owner (a signal to the wrapper would not reach it through runuser). */
    private final List<String> stopCommand;
    private final Path serverLog;
    private volatile ChildProcess ownServer;

    private LocalPostgres(String host, int port, String user, String password, List<String> serverCommand,
                          List<String> stopCommand, Path serverLog) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.serverCommand = serverCommand;
        this.stopCommand = stopCommand;
        this.serverLog = serverLog;
    }

    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            shared = locateOrStart();
        }
        return shared;
    }

    static LocalPostgres locateOrStart() {
        String host = env("ESIM_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("ESIM_PG_PORT", "5432"));
        String user = env("ESIM_PG_USER", "postgres");
        String password = env("ESIM_PG_PASSWORD", "");
        if (FreePort.answers(host, port)) {
            return new LocalPostgres(host, port, user, password, null, null, null);
        }
        if (System.getenv("ESIM_PG_HOST") != null) {
            throw new IllegalStateException("PostgreSQL named by ESIM_PG_HOST does not answer on " + host + ":" + port);
        }
        try {
            return startPrivate(Files.createTempDirectory("esim-pg-"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a PostgreSQL server of our own from the Debian {@code postgresql} package's binaries, with
     * its data in {@code dir}, on a free port of 127.0.0.1, trust authentication. {@code durable}: with
     * {@code fsync} on, as a production server runs (a benchmark that restarts it wants the real thing);
     * without, as tests want it (they keep nothing). When we are root the server runs as {@code postgres},
     * which must be able to enter {@code dir}'s parents (a directory of its own under /tmp is).
     */
    public static LocalPostgres startPrivate(Path dir, boolean durable) {
        Path bin = debianBinaries().orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries are installed: "
                        + "install Debian's postgresql package (bash .ci/run does) or set ESIM_PG_HOST"));
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync")));
            int port = FreePort.find();
            List<String> command = asPostgres(root, List.of(
                    bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                    "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + (durable ? "on" : "off"),
                    "-c", "max_connections=300"));
            List<String> stop = asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                    "-w", "-t", "60", "stop"));
            LocalPostgres postgres = new LocalPostgres("127.0.0.1", port, "postgres", "", command, stop,
                    dir.resolve("postgres.log"));
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer() {
        ChildProcess server = ChildProcess.nativeProgram("postgres", serverCommand, "INT", serverLog);
        ownServer = server;
        Await.until("PostgreSQL (log: " + serverLog + ")", Duration.ofSeconds(60), server::isAlive,
                this::acceptsConnections);
    }

    /**
     * Stops the server we own (a fast shutdown: every connection is cut, open transactions roll back)
     * and starts it again on the same port and data, as an operator's restart does. Returns once it
     * accepts connections.
     */
    public void restart() {
        if (serverCommand == null) {
            throw new IllegalStateException("this PostgreSQL is not ours to restart: " + jdbcUrl(""));
        }
        stopServer();
        startServer();
    }

    private void stopServer() {
        try {
            run(stopCommand);
        } catch (IOException e) {
            // not running any more, or pg_ctl failed: the wrapper's close below ends it anyway
        }
        ownServer.close();
    }

    private static Optional<Path> debianBinaries() {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> asPostgres(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private boolean acceptsConnections() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Creates a new, empty database named {@code prefix_<random>} and returns its name. */
    public String createFreshDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        recreateDatabase(name);
        return name;
    }

    /** Drops {@code name} if it exists and creates it empty: a clean slate for the local demo. */
    public void recreateDatabase(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database names here are [a-z0-9_]+: " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + jdbcUrl("postgres"), e);
        }
    }

    public void dropDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name, e);
        }
    }

    /** Stops the private server if we started one; a server we found keeps running. */
    @Override
    public void close() {
        if (ownServer != null && ownServer.isAlive()) {
            stopServer();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
