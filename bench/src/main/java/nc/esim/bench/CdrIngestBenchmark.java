package nc.esim.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.ConsumerLag;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.platform.QuarkusService;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.FreePort;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.GroundTruth;
import nc.esim.simulator.SimulatedRecord;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;

/**
 * The CDR ingest benchmark. One run, one machine, the same N records through two paths:
 * <ol>
 * <li>raw: produce them to a bare topic and consume them back with no processing, three times; the
 * median is the yardstick;</li>
 * <li>end to end: produce them to {@code esim.cdr.v1} and time until usage-service has committed them all;</li>
 * <li>durable: produce them to a bare topic while a plain consumer stores each exactly once under the
 * unique identity index ({@link DurablePath}), the steadier yardstick of what storing them costs;</li>
 * </ol>
 * then checks usage-service's totals against the simulator's ground truth, measures what PostgreSQL
 * alone takes to store the records, and measures the latency of the usage summary under concurrent
 * requests. The last line is
 * {@code cdr-ingest: raw=<n>/s end-to-end=<n>/s ratio=<r> exact=<true|false> durable=<n>/s durable-ratio=<r>}.
 */
public final class CdrIngestBenchmark {
    private static final String RAW_TOPIC = "bench.raw.v1";
    private static final String DURABLE_TOPIC = "bench.durable.v1";
    /**
     * The yardstick is the median of this many raw runs: one run of a million CDRs lasts about two
     * seconds, and single runs of the same warm code on this machine measured from 407,573 to 910,441/s.
     */
    private static final int RAW_RUNS = 3;
    /** Warm-up goes on until the JIT takes less than this share of a process's CPU during a round. */
    private static final double STEADY_JIT_SHARE = 0.10;
    private static final int MAX_WARMUP_ROUNDS = 6;
    private static final String INGEST_GROUP = "usage-service.cdr-ingest";
    private static final int WARMUP_FIRST_SUBSCRIBER = 500_000;
    private static final int HEAVY_RECORDS = 100_000;
    /** The usage APIs are read as the support desk reads them. */
    private static final String SUPPORT_DESK = LocalAuth.bearer("bench", java.util.Set.of("support-desk"), null);

    private CdrIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        int records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "1000"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(Math.max(50_000, records / 4))));
        Path workDir = Files.createTempDirectory("esim-bench-");

        System.out.printf("cdr-ingest: %,d CDRs for %,d eSIMs, %d partitions, %d cores%n", records, subscribers,
                partitions, Runtime.getRuntime().availableProcessors());
        LocalDate day = LocalDate.now(Zones.NOUMEA).minusDays(1);
        CdrGenerator generator = CdrGenerator.forDay(SimulationProfile.realistic(subscribers, 2026, day));
        List<SimulatedRecord> input = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            input.add(generator.next());
        }
        GroundTruth truth = generator.groundTruth();
        System.out.printf("generated: %,d distinct valid, %,d resent, %,d malformed, %,d late%n",
                truth.distinctValidRecords(), truth.duplicates(), truth.malformed(), truth.late());
        // Warm-up traffic for other eSIMs, run through both paths before each measurement so that both
        // are measured in steady state: a cold JVM spends its first tens of seconds compiling (measured:
        // the JIT took 38 % of usage-service's CPU during a cold 1M run, and still 29 % after one round of
        // 250,000 warm-up CDRs), so warm-up goes on in rounds until the compilers have quietened down.
        CdrGenerator warmupGenerator = CdrGenerator.forDay(SimulationProfile.realistic(subscribers, 2027, day)
                .startingAt(WARMUP_FIRST_SUBSCRIBER));

        LocalPostgres postgres = LocalPostgres.shared();
        String database = postgres.createFreshDatabase("bench_usage");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(workDir.resolve("kafka"), FreePort.find())) {
            List<String> topics = new ArrayList<>(Topics.ALL);
            for (int run = 1; run <= RAW_RUNS; run++) {
                topics.add(RAW_TOPIC + "." + run);
            }
            for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
                topics.add(RAW_TOPIC + ".warmup." + round);
                topics.add(DURABLE_TOPIC + ".warmup." + round);
            }
            topics.add(DURABLE_TOPIC);
            broker.createTopics(topics, partitions);

            // the raw path's rounds are as long as its measured runs: in rounds of the end-to-end warm-up's
            // length (half a second on this path) the JIT still took 46-57 % of the benchmark's CPU in the
            // sixth round, in rounds of N 29-39 %
            List<SimulatedRecord> rawWarmupInput = next(CdrGenerator.forDay(
                    SimulationProfile.realistic(subscribers, 2028, day).startingAt(WARMUP_FIRST_SUBSCRIBER)), records);
            warmUp("raw", round -> rawRate(broker.asAdmin(), RAW_TOPIC + ".warmup." + round, rawWarmupInput),
                    "benchmark", "broker");
            CpuSplit rawCpu = CpuSplit.start();
            double[] rawRuns = new double[RAW_RUNS];
            for (int run = 1; run <= RAW_RUNS; run++) {
                rawRuns[run - 1] = rawRate(broker.asAdmin(), RAW_TOPIC + "." + run, input);
                System.out.printf("raw Kafka produce+consume, run %d: %,.0f records/s%n", run, rawRuns[run - 1]);
            }
            Arrays.sort(rawRuns);
            double raw = rawRuns[RAW_RUNS / 2];
            System.out.printf("raw Kafka produce+consume (median of %d runs): %,.0f records/s%n", RAW_RUNS, raw);
            rawCpu.print("raw, " + RAW_RUNS + " runs", (long) input.size() * RAW_RUNS);

            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                    "quarkus.datasource.username", postgres.user(),
                    "quarkus.datasource.password", postgres.password(),
                    "quarkus.log.level", "WARN"));
            config.putAll(broker.quarkusConfig(KafkaPrincipal.USAGE));
            config.putAll(BenchOptions.apiRateLimitLifted());
            if (options.containsKey("max-batch")) {
                config.put("usage.ingest.max-batch", options.get("max-batch"));
            }
            if (options.containsKey("consumers")) {
                config.put("usage.ingest.consumers", options.get("consumers"));
            }
            try (QuarkusService usage = QuarkusService.start(root, "usage-service", FreePort.find(), config,
                    workDir.resolve("logs"), QuarkusService.Jvm.AS_DEPLOYED)) {
                activate(broker, 0, subscribers, day);
                activate(broker, WARMUP_FIRST_SUBSCRIBER, subscribers, day);
                int rounds = warmUp("end to end",
                        round -> endToEndRate(broker, next(warmupGenerator, warmup)),
                        "usage-service", "broker");
                System.out.printf("warm-up: %,d CDRs end to end before measuring%n", rounds * warmup);
                CpuSplit endToEndCpu = CpuSplit.start();
                double endToEnd = endToEndRate(broker, input);
                System.out.printf("end to end (produced → committed by usage-service): %,.0f records/s%n", endToEnd);
                endToEndCpu.print("end to end", input.size());
                printBatchPhases(usage);
                boolean exact = totalsMatch(postgres, database, truth, warmupGenerator.groundTruth());

                // the bare durable path, on the same machine with usage-service idle: warmed up like the others
                DurablePath.createTable(postgres, database);
                warmUp("durable", round -> DurablePath.rate(broker.asAdmin(), DURABLE_TOPIC + ".warmup." + round,
                        partitions, rawWarmupInput, postgres, database), "benchmark", "broker");
                CpuSplit durableCpu = CpuSplit.start();
                double durable = DurablePath.rate(broker.asAdmin(), DURABLE_TOPIC, partitions, input, postgres, database);
                System.out.printf("bare durable path (Kafka → COPY under the unique identity index, offsets after "
                        + "each transaction): %,.0f records/s%n", durable);
                durableCpu.print("durable (its PostgreSQL backends open and close within it: not in the split)",
                        input.size());

                postgresAlone(postgres, database);
                summaryLatency(usage, subscribers);
                if (!options.getOrDefault("heavy", "true").equals("false")) {
                    heavySubscriptionLatency(usage, broker, day);
                }
                System.out.printf("cdr-ingest: raw=%.0f/s end-to-end=%.0f/s ratio=%.2f exact=%s durable=%.0f/s "
                        + "durable-ratio=%.2f%n", raw, endToEnd, endToEnd / raw, exact, durable, endToEnd / durable);
            }
        } finally {
            postgres.dropDatabase(database);
        }
        System.exit(0); // the HTTP client's and consumers' threads would keep the JVM alive
    }

    /** The generator's next {@code records} CDRs. */
    private static List<SimulatedRecord> next(CdrGenerator generator, int records) {
        List<SimulatedRecord> input = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            input.add(generator.next());
        }
        return input;
    }

    /** One round of warm-up traffic. */
    private interface WarmupRound {
        void run(int round) throws Exception;
    }

    /**
     * Runs warm-up rounds until, during one, the JIT compilers of each of these kinds of process take
     * less than {@link #STEADY_JIT_SHARE} of its CPU (or {@link #MAX_WARMUP_ROUNDS} have run), so that
     * the measurement that follows sees the path in steady state, as a service that has run for hours.
     * Returns how many rounds ran.
     */
    private static int warmUp(String path, WarmupRound round, String... kinds) throws Exception {
        for (int n = 1; ; n++) {
            CpuSplit cpu = CpuSplit.start();
            round.run(n);
            StringBuilder shares = new StringBuilder();
            boolean steady = true;
            for (String kind : kinds) {
                double share = cpu.jitShareOf(kind);
                steady &= share < STEADY_JIT_SHARE;
                shares.append(String.format(" %s %.0f%%", kind, 100 * share));
            }
            System.out.printf("warm-up round %d, %s: JIT compilers' share of CPU:%s%n", n, path, shares);
            if (steady || n == MAX_WARMUP_ROUNDS) {
                return n;
            }
        }
    }

    /**
     * Produce all records to a bare topic while a plain consumer reads them back; records/s from first send to
     * last read. Both clients authenticate with SCRAM as the services do ({@code connection}: the administrator,
     * since the bare topic is in no ACL).
     */
    private static double rawRate(Map<String, Object> connection, String topic, List<SimulatedRecord> input) throws Exception {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        ExecutorService consumerThread = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofSeconds(5)); // join the group before the clock starts
            long started = System.nanoTime();
            Future<Long> consumed = consumerThread.submit(() -> {
                long seen = 0;
                while (seen < input.size()) {
                    seen += consumer.poll(Duration.ofMillis(200)).count();
                }
                return System.nanoTime();
            });
            try (CdrPublisher publisher = new CdrPublisher(connection, topic)) {
                publisher.publishAll(input);
            }
            long finished = consumed.get();
            return input.size() / ((finished - started) / 1e9);
        } finally {
            consumerThread.shutdownNow();
        }
    }

    /** Produce all records to esim.cdr.v1; records/s from first send until usage-service's group has committed the last. */
    private static double endToEndRate(LocalKafkaBroker broker, List<SimulatedRecord> input) {
        long started = System.nanoTime();
        try (CdrPublisher publisher = new CdrPublisher(broker.as(KafkaPrincipal.MEDIATION))) {
            publisher.publishAll(input);
        }
        ConsumerLag.awaitCaughtUp(broker.asAdmin(), INGEST_GROUP, Topics.CDR, Duration.ofMinutes(30));
        return input.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** As billing would: every eSIM gets an allowance covering the simulated day. */
    private static void activate(LocalKafkaBroker broker, int first, int subscribers, LocalDate day) {
        Instant from = day.minusDays(5).atStartOfDay(Zones.NOUMEA).toInstant();
        Instant until = day.plusDays(30).atStartOfDay(Zones.NOUMEA).toInstant();
        try (EventPublisher events = new EventPublisher(broker)) {
            for (int i = first; i < first + subscribers; i++) {
                String iccid = Subscribers.iccid(i);
                String order = "ORD-BENCH-" + i;
                events.publish(Topics.SUBSCRIPTION, EventMetadata.newEvent(
                                SubscriptionEventType.ACTIVATED.cloudEventType(), "/billing-service", iccid, from),
                        new SubscriptionEventV1(1, SubscriptionEventType.ACTIVATED, UUID.randomUUID().toString(), iccid,
                                Subscribers.msisdn(i), "LOCAL-30D-50GB", order, "fr", null,
                                new AllowanceV1(order, 53_687_091_200L, 6_000, 100, from, until), from, "SHOP-BENCH", false));
            }
        }
        ConsumerLag.awaitCaughtUp(broker.asAdmin(), "usage-service.subscriptions", Topics.SUBSCRIPTION, Duration.ofMinutes(2));
    }

    /** usage-service's totals against the simulator's ground truth of the measured and the warm-up traffic. */
    private static boolean totalsMatch(LocalPostgres postgres, String database, GroundTruth truth, GroundTruth warmupTruth)
            throws Exception {
        Map<String, GroundTruth.Totals> counted = new HashMap<>();
        try (Connection connection = postgres.connect(database);
             ResultSet rows = connection.createStatement().executeQuery("""
                     select iccid, sum(data_bytes), sum(voice_seconds), sum(sms_count), sum(records)
                     from usage_total group by iccid""")) {
            while (rows.next()) {
                counted.put(rows.getString(1), new GroundTruth.Totals(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5)));
            }
        }
        Map<String, GroundTruth.Totals> expected = new HashMap<>(truth.totalsByIccid());
        expected.putAll(warmupTruth.totalsByIccid());
        boolean exact = counted.equals(expected);
        long countedRecords = counted.values().stream().mapToLong(GroundTruth.Totals::records).sum();
        System.out.printf("totals: %,d records counted for %,d eSIMs, ground truth %,d for %,d: %s%n", countedRecords,
                counted.size(), truth.distinctValidRecords() + warmupTruth.distinctValidRecords(), expected.size(),
                exact ? "exact" : "DIFFERENT");
        return exact;
    }

    /**
     * What PostgreSQL alone takes to store records of this shape: every stored record (measured and
     * warm-up) inserted once more, in the order it was stored, into a plain copy of usage_record with its
     * unique identity index, then into one without: about what any path that keeps each CDR durably
     * under that index pays PostgreSQL per record, to read next to the end-to-end CPU split.
     */
    private static void postgresAlone(LocalPostgres postgres, String database) throws Exception {
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            for (boolean indexed : new boolean[] {true, false}) {
                String table = indexed ? "bench_records_indexed" : "bench_records_unindexed";
                sql.execute("create table " + table + " (like usage_record including defaults"
                        + (indexed ? " including indexes)" : ")"));
                CpuSplit cpu = CpuSplit.start();
                long started = System.nanoTime();
                int rows = sql.executeUpdate("insert into " + table + " select * from usage_record");
                double seconds = (System.nanoTime() - started) / 1e9;
                String what = "PostgreSQL alone, the stored records inserted again " + (indexed
                        ? "under the unique identity index" : "without an index");
                System.out.printf("%s: %,d rows in %.1f s, %,.0f rows/s%n", what, rows, seconds, rows / seconds);
                cpu.print(what, rows);
                sql.execute("drop table " + table);
            }
        }
    }

    /** p50/p99 of the usage summary over all measured eSIMs. */
    private static void summaryLatency(QuarkusService usage, int subscribers) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            urls.add(usage.url("/api/v1/usage/" + Subscribers.iccid(i) + "/summary"));
        }
        latency("usage summary", urls);
    }

    /**
     * One subscription with {@value #HEAVY_RECORDS} records over the last 50 days: p50/p99 of its summary
     * (which also sums its last 3 days for the forecast), of its first records page and of pages deep in
     * its history (keyset cursors collected by walking it once).
     */
    private static void heavySubscriptionLatency(QuarkusService usage, LocalKafkaBroker broker, LocalDate day) throws Exception {
        int esim = 900_000;
        String iccid = Subscribers.iccid(esim);
        activate(broker, esim, 1, day);
        Instant first = day.minusDays(50).atStartOfDay(Zones.NOUMEA).toInstant();
        long spacingMillis = Duration.ofDays(50).toMillis() / HEAVY_RECORDS;
        Properties config = new Properties();
        config.putAll(broker.as(KafkaPrincipal.MEDIATION));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < HEAVY_RECORDS; i++) {
                Instant start = first.plusMillis(spacingMillis * i);
                CdrV1 cdr = i % 10 == 0
                        ? new CdrV1(1, "MSC-NOU-01", 9_000_000 + i, 1, iccid, Subscribers.msisdn(esim), UsageType.VOICE,
                                start, 0, 0, 30 + i % 300, "+68777" + String.format("%04d", i % 10_000), true)
                        : new CdrV1(1, "PGW-NOU-01", 9_000_000 + i, 1, iccid, Subscribers.msisdn(esim), UsageType.DATA,
                                start, 20_000 + i % 5_000, 150_000 + i % 50_000, 60, null, true);
                producer.send(new ProducerRecord<>(Topics.CDR, iccid, EventJson.write(cdr)));
            }
        }
        ConsumerLag.awaitCaughtUp(broker.asAdmin(), INGEST_GROUP, Topics.CDR, Duration.ofMinutes(10));

        String records = usage.url("/api/v1/usage/" + iccid + "/records?limit=50");
        List<String> deepPages = new ArrayList<>();
        String cursor = null;
        HttpClient http = HttpClient.newHttpClient();
        for (int page = 0; page < 2_000; page++) { // 100,000 records / 50 per page
            String body = http.send(HttpRequest.newBuilder(URI.create(records + (cursor == null ? "" : "&cursor=" + cursor)))
                    .header("Authorization", SUPPORT_DESK).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher next = java.util.regex.Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(body);
            if (!next.find()) {
                break;
            }
            cursor = next.group(1);
            if (page % 20 == 0) {
                deepPages.add(records + "&cursor=" + cursor);
            }
        }
        System.out.printf("one subscription with %,d records (%,d pages of 50 walked):%n", HEAVY_RECORDS, deepPages.size() * 20);
        latency("  its summary", List.of(usage.url("/api/v1/usage/" + iccid + "/summary")));
        latency("  its first records page (50)", List.of(records));
        latency("  its records pages deep in history (50)", deepPages);
    }

    /** p50/p99 of GETs of {@code urls} (round robin), 8 concurrent clients, 4,000 requests after 500 of warm-up. */
    private static void latency(String what, List<String> urls) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        int warmup = 500;
        int measured = 4_000;
        long[] nanos = new long[measured];
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            int n = i;
            done.add(clients.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(n % urls.size())))
                        .header("Authorization", SUPPORT_DESK).GET().build();
                long start = System.nanoTime();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(what + " answered " + response.statusCode());
                }
                if (n >= warmup) {
                    nanos[n - warmup] = took;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        Arrays.sort(nanos);
        System.out.printf("%s, 8 concurrent clients, %,d requests: p50=%.1f ms p99=%.1f ms%n", what, measured,
                nanos[measured / 2] / 1e6, nanos[measured * 99 / 100] / 1e6);
    }

    /** Where usage-service's batches spent their time, from its esim.cdr.batch.phase timers. */
    private static void printBatchPhases(QuarkusService usage) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(usage.url("/q/metrics")))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> phases = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "^esim_cdr_batch_phase_seconds_(sum|count)\\{[^}]*phase=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            double[] v = phases.computeIfAbsent(m.group(2), k -> new double[2]);
            v[m.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(m.group(3));
        }
        StringBuilder line = new StringBuilder("usage-service batch phases (total s / mean ms):");
        phases.forEach((phase, v) -> line.append(String.format(" %s=%.1f/%.1f", phase, v[0], v[1] == 0 ? 0 : v[0] * 1000 / v[1])));
        java.util.regex.Matcher fallbacks = java.util.regex.Pattern.compile(
                "^esim_cdr_lookup_fallbacks_total(?:\\{[^}]*})? ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE)
                .matcher(metrics);
        line.append("; batches counted again with lookups after the unique index refused a record: ")
                .append(fallbacks.find() ? String.format("%.0f", Double.parseDouble(fallbacks.group(1))) : "0");
        System.out.println(line);
    }
}
