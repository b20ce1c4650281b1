package nc.esim.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.platform.QuarkusService;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.FreePort;

/**
 * The renewals benchmark (issue 4), on the real billing-service, PostgreSQL and broker:
 * <ol>
 * <li>concurrent clients renew random subscriptions through the API, a share of the requests sent again
 * with the same Idempotency-Key (half racing the first copy, half after its answer, as a client retrying
 * a timeout would); afterwards the orders in the database are compared with the keys sent: an order more
 * than the keys is a double charge, one less a lost renewal;</li>
 * <li>the expiry scan over {@code --scan-subscriptions} subscriptions (1,000,000 by default) ending over the
 * next 30 days, timed by billing-service's own {@code esim.lifecycle.scan} timer: the first scan gives every
 * due notice, the later ones find nothing new.</li>
 * <li>the yardstick ({@link RenewalYardstick}): the same clients making a renewal's durable writes with bare
 * JDBC on the same database, billing-service idle.</li>
 * </ol>
 * {@code --part scan} or {@code --part renewals} runs one of them. Lines: {@code expiry-scan: subscriptions=<n>
 * notices=<n> seconds=<s> notices-per-second=<n>}, then last {@code renewals: <n>/s p50=<ms>ms p99=<ms>ms
 * double-charges=<n> yardstick=<n>/s ratio=<r>}.
 */
public final class RenewalsBenchmark {
    private static final String RENEW_CARD = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";
    private static final String RENEW_EUR = "{\"channel\":\"WEB\",\"paymentMethod\":\"PAYPAL\",\"currency\":\"EUR\"}";

    /** Renewals are driven as a partner shop would drive them. */
    private static final String PARTNER_SHOP = LocalAuth.bearer("bench-shop", Set.of("partner-shop"), "SHOP-BENCH");

    private RenewalsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        int subscriptions = Integer.parseInt(options.getOrDefault("subscriptions", "2000"));
        int renewals = Integer.parseInt(options.getOrDefault("renewals", "20000"));
        // the JIT still compiles after 2,000 renewals: the service's C2 took 20 % of the machine in the measured phase (perf)
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        double retryShare = Double.parseDouble(options.getOrDefault("retry-share", "0.2"));
        int scanSubscriptions = Integer.parseInt(options.getOrDefault("scan-subscriptions", "1000000"));
        Path workDir = Files.createTempDirectory("esim-bench-renewals-");
        System.out.printf("renewals: %,d renewals of %,d subscriptions, %d clients, %.0f %% retried, %d cores%n",
                renewals, subscriptions, clients, retryShare * 100, Runtime.getRuntime().availableProcessors());

        String part = options.getOrDefault("part", "all");
        if (!Set.of("all", "scan", "renewals").contains(part)) {
            throw new IllegalArgumentException("--part is all, scan or renewals, not " + part);
        }
        LocalPostgres postgres = LocalPostgres.shared();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(workDir.resolve("kafka"), FreePort.find())) {
            broker.createTopics(Topics.ALL, 4);
            String scanLine = null;
            if (!part.equals("renewals")) {
                String scanDatabase = postgres.createFreshDatabase("bench_billing_scan");
                scanLine = scanFigures(root, workDir, broker, postgres, scanDatabase, scanSubscriptions,
                        options.get("scan-batch-size"), options.get("scan-workers"));
                postgres.dropDatabase(scanDatabase);
            }
            if (part.equals("scan")) {
                System.out.println(scanLine);
                return;
            }

            String database = postgres.createFreshDatabase("bench_billing");
            try (QuarkusService billing = QuarkusService.start(root, "billing-service", FreePort.find(),
                    config(broker, postgres, database, "off"), workDir.resolve("logs"))) {
                // daemon threads: the HTTP client's pool must not keep the benchmark's JVM alive at the end
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients, runnable -> {
                    Thread thread = new Thread(runnable, "http");
                    thread.setDaemon(true);
                    return thread;
                })).build();
                List<String> iccids = sell(http, billing, subscriptions, clients);
                Run warmupRun = renew(http, billing, iccids, warmup, clients, retryShare);
                System.out.printf("warm-up: %,d renewals%n", warmupRun.keys.size());
                Run run = renew(http, billing, iccids, renewals, clients, retryShare);
                long[] latencies = run.latencies();
                Arrays.sort(latencies);
                double perSecond = run.keys.size() / (run.elapsedNanos / 1e9);
                double p50 = latencies[latencies.length / 2] / 1e6;
                double p99 = latencies[latencies.length * 99 / 100] / 1e6;
                long orders = renewalOrders(postgres, database);
                long keysSent = warmupRun.keys.size() + run.keys.size();
                long repliesDiffering = warmupRun.keysAnsweredWithSeveralOrders() + run.keysAnsweredWithSeveralOrders();
                long doubleCharges = Math.max(0, orders - keysSent) + repliesDiffering;
                long lost = Math.max(0, keysSent - orders);
                System.out.printf("measured: %,d renewals (%,d requests incl. %,d retries) in %.1f s; p50=%.1f ms p99=%.1f ms%n",
                        run.keys.size(), latencies.length, latencies.length - run.keys.size(), run.elapsedNanos / 1e9, p50, p99);
                System.out.printf("database: %,d renewal orders for %,d keys sent; lost=%d; retries answered with another order=%d%n",
                        orders, keysSent, lost, repliesDiffering);
                // the same clients, the same database and subscriptions, billing-service idle: the writes alone
                RenewalYardstick.Result yardstick = RenewalYardstick.run(postgres, database, iccids, renewals, clients);
                System.out.printf("yardstick: %,d bare JDBC renewals, %d clients: %.0f/s p50=%.1f ms p99=%.1f ms%n", renewals,
                        clients, yardstick.perSecond(), yardstick.p50Millis(), yardstick.p99Millis());
                if (scanLine != null) {
                    System.out.println(scanLine);
                }
                System.out.printf("renewals: %.0f/s p50=%.1fms p99=%.0fms double-charges=%d yardstick=%.0f/s ratio=%.2f%n",
                        perSecond, p50, p99, doubleCharges, yardstick.perSecond(), perSecond / yardstick.perSecond());
            }
        }
    }

    private static Map<String, String> config(LocalKafkaBroker broker, LocalPostgres postgres, String database, String scanInterval) {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.log.level", "WARN",
                "billing.payments.callback-secret", Platform.PAYMENT_CALLBACK_SECRET,
                "billing.lifecycle.scan-interval", scanInterval,
                // its clients renew a fixed set of subscriptions many times over: the business cap on periods
                // bought ahead would refuse most of them, and throughput is what this measures
                "billing.renewal.max-periods-ahead", "1000000"));
        config.putAll(broker.quarkusConfig(KafkaPrincipal.BILLING));
        config.putAll(BenchOptions.apiRateLimitLifted());
        return config;
    }

    /**
     * The scan every second; {@code batchSize} subscriptions per transaction and {@code workers} slices at
     * once, or the service's defaults for those that are null.
     */
    private static Map<String, String> scanConfig(LocalKafkaBroker broker, LocalPostgres postgres, String database,
                                                  String batchSize, String workers) {
        Map<String, String> config = config(broker, postgres, database, "1s");
        if (batchSize != null) {
            config.put("billing.lifecycle.batch-size", batchSize);
        }
        if (workers != null) {
            config.put("billing.lifecycle.scan-workers", workers);
        }
        return config;
    }

    /** Sells the plan TRAVEL-3D-3GB to {@code count} new eSIMs through the API. */
    private static List<String> sell(HttpClient http, QuarkusService billing, int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> sold = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            sold.add(pool.submit(() -> {
                String iccid = Identifiers.withLuhnDigit("8968790" + String.format("%011d", n));
                String body = "{\"iccid\":\"%s\",\"msisdn\":\"+687%06d\",\"planCode\":\"TRAVEL-3D-3GB\",\"language\":\"fr\"}"
                        .formatted(iccid, n);
                expect(201, http.send(post(billing.url("/api/v1/subscriptions"), null, body), HttpResponse.BodyHandlers.ofString()));
                return iccid;
            }));
        }
        List<String> iccids = new ArrayList<>();
        for (Future<String> f : sold) {
            iccids.add(f.get());
        }
        pool.shutdown();
        return iccids;
    }

    /** One run of renewals: the keys sent, the order numbers each key was answered with, every request's latency. */
    private record Run(Set<String> keys, Map<String, Set<String>> ordersByKey, List<long[]> latencyChunks, long elapsedNanos) {
        long[] latencies() {
            return latencyChunks.stream().flatMapToLong(Arrays::stream).filter(n -> n > 0).toArray();
        }

        long keysAnsweredWithSeveralOrders() {
            return ordersByKey.values().stream().filter(orders -> orders.size() > 1).count();
        }
    }

    private static Run renew(HttpClient http, QuarkusService billing, List<String> iccids, int count, int clients,
                             double retryShare) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<String, Set<String>> ordersByKey = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long[] mine = new long[3];
            latencies.add(mine);
            done.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String iccid = iccids.get(random.nextInt(iccids.size()));
                String key = UUID.randomUUID().toString();
                String body = random.nextInt(10) == 0 ? RENEW_EUR : RENEW_CARD;
                String url = billing.url("/api/v1/subscriptions/" + iccid + "/renewals");
                boolean retried = random.nextDouble() < retryShare;
                Future<?> racing = null;
                if (retried && random.nextBoolean()) {
                    // a copy racing the first: the client gave up waiting and sent it again at once
                    racing = pool.submit(() -> send(http, url, key, body, ordersByKey, mine, 1));
                }
                send(http, url, key, body, ordersByKey, mine, 0);
                if (retried && racing == null) {
                    send(http, url, key, body, ordersByKey, mine, 2); // a retry after the answer
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        // racing copies submitted last may still run
        pool.shutdown();
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        return new Run(ordersByKey.keySet(), ordersByKey, latencies, System.nanoTime() - start);
    }

    private static Void send(HttpClient http, String url, String key, String body, Map<String, Set<String>> ordersByKey,
                             long[] latencies, int slot) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> response = http.send(post(url, key, body), HttpResponse.BodyHandlers.ofString());
        latencies[slot] = System.nanoTime() - began;
        expect(201, response);
        Matcher order = Pattern.compile("\"orderNumber\":\"([^\"]+)\"").matcher(response.body());
        if (!order.find()) {
            throw new IllegalStateException("no order number in " + response.body());
        }
        ordersByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(order.group(1));
        return null;
    }

    private static HttpRequest post(String url, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", PARTNER_SHOP)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    private static long renewalOrders(LocalPostgres postgres, String database) throws Exception {
        try (Connection connection = postgres.connect(database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "select count(*) from customer_order where kind = 'RENEWAL'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Loads {@code count} subscriptions ending over the next 30 days (with their sale orders) into a fresh
     * billing database, starts billing-service on it with the scan every second, and prints how long the
     * first scan (every due notice) and the later ones (nothing new) took. Returns the scan's figures line.
     */
    private static String scanFigures(Path root, Path workDir, LocalKafkaBroker broker, LocalPostgres postgres, String database,
                                    int count, String batchSize, String workers) throws Exception {
        // billing-service creates the schema (Flyway) on a first start
        QuarkusService.start(root, "billing-service", FreePort.find(), config(broker, postgres, database, "off"),
                workDir.resolve("logs")).close();
        Instant now = Instant.now();
        long loadStart = System.nanoTime();
        try (Connection connection = postgres.connect(database)) {
            StringBuilder subscriptions = new StringBuilder();
            StringBuilder orders = new StringBuilder();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String iccid = Identifiers.withLuhnDigit("8968791" + String.format("%011d", i));
                Instant end = now.plusSeconds(60 + (long) (30L * 86_400 * i / count));
                Instant begin = end.minus(Duration.ofDays(30));
                subscriptions.append(id).append('\t').append(iccid).append("\t+687").append(String.format("%06d", i % 1_000_000))
                        .append(i >= 1_000_000 ? "-" + i : "").append("\tLOCAL-30D-50GB\tACTIVE\t\\N\tfr\t")
                        .append(begin).append('\t').append(end).append('\n');
                orders.append("SCAN-").append(i).append('\t').append(id).append("\tSALE\tLOCAL-30D-50GB\t5900\tXPF\tAPP\t")
                        .append(begin).append('\t').append(begin).append('\t').append(end).append("\t53687091200\t6000\t100\t30\n");
                if (subscriptions.length() > 4_000_000 || i == count - 1) {
                    copy.copyIn("copy subscription (id, iccid, msisdn, plan_code, status, email, language, activated_at, valid_until) from stdin",
                            new StringReader(subscriptions.toString()));
                    copy.copyIn("""
                            copy customer_order (order_number, subscription_id, kind, plan_code, amount_minor, currency, channel,
                              created_at, period_start, period_end, data_bytes, voice_seconds, sms_count, days) from stdin""",
                            new StringReader(orders.toString()));
                    subscriptions.setLength(0);
                    orders.setLength(0);
                }
            }
            connection.createStatement().execute("analyze");
            // the load wrote about 1 GB of WAL: without this, the checkpoint it triggers runs during the
            // measured scan, and every page the scan first touches then goes to the WAL whole
            connection.createStatement().execute("checkpoint");
        }
        System.out.printf("expiry scan: loaded %,d subscriptions ending over the next 30 days in %.0f s%n", count,
                (System.nanoTime() - loadStart) / 1e9);
        try (QuarkusService billing = QuarkusService.start(root, "billing-service", FreePort.find(),
                scanConfig(broker, postgres, database, batchSize, workers), workDir.resolve("logs"))) {
            double[] first = waitForScans(billing, 1, Duration.ofMinutes(30));
            double[] later = waitForScans(billing, 4, Duration.ofMinutes(5));
            long notices;
            try (Connection connection = postgres.connect(database);
                 ResultSet rows = connection.createStatement().executeQuery("select count(*) from outbox_event")) {
                rows.next();
                notices = rows.getLong(1);
            }
            System.out.printf("expiry scan: first scan over %,d subscriptions gave %,d notices in %.1f s (%.0f notices/s); "
                            + "a scan finding nothing new took %.2f s on average (%d scans)%n",
                    count, notices, first[0], notices / first[0], (later[0] - first[0]) / (later[1] - first[1]),
                    (int) (later[1] - first[1]));
            return String.format("expiry-scan: subscriptions=%d notices=%d seconds=%.1f notices-per-second=%.0f", count, notices,
                    first[0], notices / first[0]);
        }
    }

    /** Waits until billing-service's esim.lifecycle.scan timer counts {@code scans}; returns {sum seconds, count}. */
    private static double[] waitForScans(QuarkusService billing, int scans, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        Pattern sum = Pattern.compile("^esim_lifecycle_scan_seconds_sum(?:\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Pattern countLine = Pattern.compile("^esim_lifecycle_scan_seconds_count(?:\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        while (Instant.now().isBefore(deadline)) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(billing.url("/q/metrics"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher s = sum.matcher(metrics);
            Matcher c = countLine.matcher(metrics);
            if (s.find() && c.find() && Double.parseDouble(c.group(1)) >= scans) {
                return new double[] {Double.parseDouble(s.group(1)), Double.parseDouble(c.group(1))};
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("billing-service did not complete " + scans + " expiry scans in " + timeout);
    }
}
