package nc.esim.bench.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import nc.esim.bench.BenchOptions;
import nc.esim.contracts.Zones;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.Await;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.GroundTruth;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;

/**
 * The whole platform under faults. Everything runs as separate processes, with Kafka authentication
 * and ACLs on: the broker, a PostgreSQL server of the benchmark's own (fsync on, so that restarting it
 * is a real restart), billing-service, two usage-service instances in one consumer group,
 * notification-service with GreenMail and the SMS-centre simulator, and the operators' console.
 *
 * <p>Under CDR load from the simulator (with its noise) and renewals from partner shops (with
 * idempotent retries), it kills every service instance with {@code kill -9} and restarts it, pauses
 * the broker, restarts PostgreSQL and takes SMTP and SMPP away, in random order at random moments,
 * and times how long the platform takes to recover from each. Once everything has settled it
 * reconciles ({@link Reconciliation}). Last line:
 * {@code faults: cdrs=<n> renewals=<n> notifications=<n> crashes=<k> lost=<n> double=<n>}.
 */
public final class FaultsBenchmark {
    private static final String SHOP = LocalAuth.bearer("faults-shop", Set.of("partner-shop"), "SHOP-FAULTS");
    private static final List<String> PLANS = List.of("TRAVEL-3D-3GB", "TRAVEL-7D-10GB", "LOCAL-30D-50GB");
    private static final List<String> LANGUAGES = List.of("fr", "en", "zh");
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(15);

    private FaultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        int cdrs = Integer.parseInt(options.getOrDefault("cdrs", "1000000"));
        int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "1000"));
        int cdrRate = Integer.parseInt(options.getOrDefault("cdr-rate", "2500"));
        int renewalClients = Integer.parseInt(options.getOrDefault("renewal-clients", "4"));
        long seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(System.currentTimeMillis())));
        Duration brokerOutage = Duration.parse(options.getOrDefault("broker-outage", "PT30S"));
        Duration peerOutage = Duration.parse(options.getOrDefault("peer-outage", "PT60S"));
        Random random = new Random(seed);
        Path workDir = Files.createTempDirectory("esim-bench-faults-");
        System.out.printf("faults: %,d CDRs at %,d/s for %,d eSIMs, %d renewal clients, seed %d, %d cores; work dir %s%n",
                cdrs, cdrRate, subscribers, renewalClients, seed, Runtime.getRuntime().availableProcessors(), workDir);

        LocalPostgres postgres = LocalPostgres.startPrivate(
                Files.createTempDirectory("esim-bench-faults-pg-"), true); // its own: the postgres user cannot enter workDir
        Map<String, String> databases = Map.of("billing-service", "faults_billing", "usage-service", "faults_usage",
                "notification-service", "faults_notification");
        Platform.Options platformOptions = new Platform.Options(root, workDir, 0, 0, databases, 4, serviceConfig())
                .withConsole(0).withUsageInstances(2).withPostgres(postgres);
        try (Platform platform = Platform.start(platformOptions, step -> System.out.println("platform: " + step));
             Backlogs backlogs = new Backlogs(platform, postgres, databases)) {
            String billing = platform.service("billing-service").url("");
            Instant sold = Instant.now();
            List<String> iccids = sell(billing, subscribers);
            awaitAllowances(postgres, databases.get("usage-service"), subscribers);
            System.out.printf("sold: %,d plans through billing-service; usage-service has their allowances%n", subscribers);

            SimulationProfile profile = SimulationProfile.realistic(subscribers, seed, LocalDate.now(Zones.NOUMEA));
            CdrGenerator generator = CdrGenerator.liveSince(profile, Clock.systemUTC(), sold);
            AtomicLong published = new AtomicLong();
            AtomicReference<Throwable> carrierFailure = new AtomicReference<>();
            Thread carrier = new Thread(() -> {
                try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
                    published.set(publisher.publish(generator, cdrs, cdrRate, () -> false));
                } catch (Throwable e) {
                    carrierFailure.set(e);
                }
            }, "carrier");
            RenewalLoad renewals = new RenewalLoad(billing, SHOP, iccids, renewalClients, 0.2, Duration.ofMillis(100));
            Instant loadStarted = Instant.now();
            carrier.start();
            renewals.start();

            List<Fault> faults = faults(platform, random, brokerOutage, peerOutage);
            // recovered: the CDR lag within a second of traffic, the outboxes and the queue within a moment's
            // work, the messages that failed during an outage all sent
            Map<String, Long> slack = Map.of("lag usage-service.cdr-ingest", (long) cdrRate,
                    "outbox billing-service", 100L, "outbox usage-service", 100L, "outbox notification-service", 100L,
                    "messages queued", 100L);
            FaultInjector injector = new FaultInjector(platform, postgres, backlogs, random, Duration.ofSeconds(5),
                    Duration.ofSeconds(20), slack);
            List<FaultInjector.Outcome> outcomes = injector.strike(faults);
            carrier.join();
            renewals.close();
            Duration loadLasted = Duration.between(loadStarted, Instant.now());
            if (carrierFailure.get() != null) {
                throw new IllegalStateException("the carrier could not publish its CDRs", carrierFailure.get());
            }
            System.out.printf("load: %,d CDRs and %,d renewals in %.0f s, %d faults%n", published.get(),
                    renewals.acknowledged().size(), loadLasted.toMillis() / 1e3, outcomes.size());

            Duration settled = settle(backlogs);
            System.out.printf("settled: every backlog empty %.1f s after the load ended%n", settled.toMillis() / 1e3);

            Reconciliation reconciliation = new Reconciliation(platform, postgres, databases);
            GroundTruth truth = generator.groundTruth();
            List<Reconciliation.Count> counts = List.of(reconciliation.usage(truth), reconciliation.renewals(renewals),
                    reconciliation.notifications());
            Map<String, long[]> duplicates = reconciliation.topicDuplicates();
            report(outcomes, counts, duplicates, truth);

            long crashes = outcomes.stream().filter(o -> o.fault().kind() == Fault.Kind.CRASH).count();
            long lost = counts.stream().mapToLong(Reconciliation.Count::lost).sum();
            long doubled = counts.stream().mapToLong(Reconciliation.Count::doubled).sum();
            System.out.printf("faults: cdrs=%d renewals=%d notifications=%d crashes=%d lost=%d double=%d%n",
                    published.get(), counts.get(1).compared(), counts.get(2).compared(), crashes, lost, doubled);
        } finally {
            postgres.close();
        }
    }

    /**
     * What the services run with beyond the local platform's own: the per-caller rate limit lifted (the
     * load comes from one token), quiet hours and per-customer caps off (every message is due at once),
     * and the SMS centre's contracted rate and the retry backoff as a production notifier would have them
     * when catching up after an outage.
     */
    private static Map<String, Map<String, String>> serviceConfig() {
        Map<String, String> notification = new LinkedHashMap<>(BenchOptions.apiRateLimitLifted());
        notification.putAll(Map.of("notification.sms.quiet-hours.start", "00:00", "notification.sms.quiet-hours.end", "00:00",
                "notification.cap.per-customer-per-day", "1000000", "notification.sms.hourly-cap", "10000000",
                "notification.sms.throughput-per-second", "1000", "notification.email.retry-base", "PT2S",
                "notification.email.retry-max", "PT20S", "notification.sms.retry-base", "PT2S",
                "notification.sms.retry-max", "PT20S"));
        Map<String, String> billing = new LinkedHashMap<>(BenchOptions.apiRateLimitLifted());
        // the renewal load renews a fixed set of subscriptions many times over: the cap on periods bought ahead
        // (a business rule) would refuse most of them
        billing.put("billing.renewal.max-periods-ahead", "1000000");
        return Map.of("billing-service", billing, "usage-service", BenchOptions.apiRateLimitLifted(),
                "notification-service", notification);
    }

    /** Every instance crashed once, one of them twice, and every outage once, in random order. */
    private static List<Fault> faults(Platform platform, Random random, Duration brokerOutage, Duration peerOutage) {
        List<Fault> faults = new ArrayList<>();
        List<String> instances = platform.services().stream().map(s -> s.name()).toList();
        instances.forEach(name -> faults.add(Fault.crash(name)));
        faults.add(Fault.crash(instances.get(random.nextInt(instances.size()))));
        faults.add(new Fault(Fault.Kind.BROKER_PAUSE, "broker", brokerOutage));
        faults.add(new Fault(Fault.Kind.DATABASE_RESTART, "postgres", Duration.ZERO));
        faults.add(new Fault(Fault.Kind.MAIL_AND_SMS_OUTAGE, "smtp+smpp", peerOutage));
        Collections.shuffle(faults, random);
        return faults;
    }

    /** Sells a plan to each simulated eSIM through billing-service's API, as a partner shop; returns the ICCIDs. */
    private static List<String> sell(String billing, int subscribers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> sold = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            int n = i;
            sold.add(pool.submit(() -> {
                String body = """
                        {"iccid":"%s","msisdn":"%s","planCode":"%s","email":"faults%d@example.nc","language":"%s"}"""
                        .formatted(Subscribers.iccid(n), Subscribers.msisdn(n), PLANS.get(n % PLANS.size()), n,
                                LANGUAGES.get(n % LANGUAGES.size()));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(billing + "/api/v1/subscriptions"))
                        .header("Content-Type", "application/json").header("Authorization", SHOP)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("selling a plan failed: " + response.statusCode() + " " + response.body());
                }
                return Subscribers.iccid(n);
            }));
        }
        List<String> iccids = new ArrayList<>();
        for (Future<String> f : sold) {
            iccids.add(f.get());
        }
        pool.shutdown();
        return iccids;
    }

    private static void awaitAllowances(LocalPostgres postgres, String database, int count) {
        Await.until("usage-service learning " + count + " allowances", Duration.ofMinutes(2), () -> true, () -> {
            try (Connection connection = postgres.connect(database);
                 ResultSet rows = connection.createStatement().executeQuery("select count(*) from allowance")) {
                rows.next();
                return rows.getLong(1) >= count;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
    }

    /** Waits until every backlog is empty (twice in a row, a second apart); returns how long that took. */
    private static Duration settle(Backlogs backlogs) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(SETTLE_TIMEOUT);
        int emptyReadings = 0;
        Backlogs.Reading reading = backlogs.read();
        while (emptyReadings < 2) {
            if (Instant.now().isAfter(deadline)) {
                System.out.printf("settled: not within %s: %s%n", SETTLE_TIMEOUT, reading);
                break;
            }
            Thread.sleep(1_000);
            reading = backlogs.read();
            emptyReadings = reading.empty() ? emptyReadings + 1 : 0;
        }
        return Duration.between(start, Instant.now());
    }

    private static void report(List<FaultInjector.Outcome> outcomes, List<Reconciliation.Count> counts,
                               Map<String, long[]> duplicates, GroundTruth truth) {
        System.out.println();
        System.out.println("| fault | struck at | lasted | recovered after |");
        System.out.println("| --- | --- | --- | --- |");
        for (FaultInjector.Outcome outcome : outcomes) {
            System.out.printf("| %s | %s | %.1f s | %s |%n", outcome.fault().label(), outcome.struck(),
                    outcome.lasted().toMillis() / 1e3, outcome.recoveredText());
        }
        System.out.println();
        System.out.printf("input: %,d CDRs sent (%,d distinct valid, %,d resent, %,d malformed, %,d late)%n",
                truth.sentRecords(), truth.distinctValidRecords(), truth.duplicates(), truth.malformed(), truth.late());
        for (Reconciliation.Count count : counts) {
            System.out.printf("%s: compared=%,d lost=%d double=%d; %s%n", count.what(), count.compared(), count.lost(),
                    count.doubled(), count.detail());
        }
        StringBuilder line = new StringBuilder("topic duplicates (same event twice; consumers drop them):");
        duplicates.forEach((topic, c) -> line.append(String.format(" %s=%d/%d", topic, c[1], c[0])));
        System.out.println(line);
    }
}
