package nc.esim.infra.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import nc.esim.contracts.Zones;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.process.Await;
import nc.esim.simulator.CdrGenerator;
import nc.esim.simulator.CdrPublisher;
import nc.esim.simulator.SimulationProfile;
import nc.esim.simulator.Subscribers;

/**
 * The start command ({@code bin/start}): the whole platform on this machine with demo traffic. Sells a
 * plan to {@code --subscribers} demo eSIMs through billing-service, then streams live CDRs for them at
 * {@code --rate} a second until Ctrl-C, which stops everything it started. {@code --clock-offset P3D} moves
 * every service's clock that far ahead once the demo plans are sold, and {@code bin/clock P4D} further
 * while it runs ({@link Platform#moveClock}).
 */
public final class LocalPlatformMain {
    private LocalPlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(arg(args, "--root", ".")).toAbsolutePath().normalize();
        int subscribers = Integer.parseInt(arg(args, "--subscribers", "20"));
        int rate = Integer.parseInt(arg(args, "--rate", "50"));
        java.time.Duration clockOffset = java.time.Duration.parse(arg(args, "--clock-offset", "PT0S"));
        Path workDir = root.resolve(".local");
        deleteRecursively(workDir.resolve("kafka"));
        deleteRecursively(workDir.resolve("logs"));

        long began = System.nanoTime();
        System.out.println("Starting the platform (logs in " + workDir.resolve("logs") + "):");
        java.util.concurrent.atomic.AtomicInteger step = new java.util.concurrent.atomic.AtomicInteger();
        Platform platform = Platform.start(new Platform.Options(root, workDir, 9092, 8081,
                Map.of("billing-service", "esim_billing", "usage-service", "esim_usage",
                        "notification-service", "esim_notification"), 4).withConsole(8080),
                what -> System.out.printf("  [%d/%d] %s (%.0f s)%n", step.incrementAndGet(), STEPS, what,
                        (System.nanoTime() - began) / 1e9));

        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> plansSold = new java.util.concurrent.atomic.AtomicReference<>();
        Thread simulator = new Thread(() -> streamDemoTraffic(platform, subscribers, rate, stopping, plansSold.get()),
                "cdr-simulator");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the simulator, the services and the broker ...");
            stopping.set(true);
            try {
                simulator.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "stop-platform"));

        System.out.printf("  [%d/%d] demo: selling a plan to %d eSIMs through billing-service%n", step.incrementAndGet(),
                STEPS, subscribers);
        sellDemoPlans(platform, subscribers);
        plansSold.set(java.time.Instant.now());
        System.out.printf("  [%d/%d] demo: waiting for usage-service to learn their allowances from Kafka%n",
                step.incrementAndGet(), STEPS);
        awaitDemoAllowances(platform, subscribers);
        if (!clockOffset.isZero()) {
            System.out.printf("  demo: moving every service's clock %s ahead (reminders, expiry and grace of the demo plans"
                    + " happen as that time passes)%n", clockOffset);
            platform.moveClock(clockOffset);
        }
        simulator.start();
        printUrls(platform);
        System.out.printf("Ready in %.0f s (after the build).%n", (System.nanoTime() - began) / 1e9);
        Thread mail = new Thread(() -> showArrivingMessages(platform, stopping), "show-messages");
        mail.setDaemon(true);
        mail.start();
        stopped.await();
    }

    private static void sellDemoPlans(Platform platform, int subscribers) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < subscribers; i++) {
            String body = """
                    {"iccid":"%s","msisdn":"%s","planCode":"%s","email":"demo%d@example.nc","language":"%s"}"""
                    .formatted(Subscribers.iccid(i), Subscribers.msisdn(i),
                            i % 3 == 0 ? "LOCAL-30D-50GB" : i % 3 == 1 ? "TRAVEL-7D-10GB" : "TRAVEL-3D-3GB",
                            i, i % 3 == 0 ? "fr" : i % 3 == 1 ? "en" : "zh");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(platform.service("billing-service").url("/api/v1/subscriptions")))
                    .header("Content-Type", "application/json").header("Authorization", DEMO_SHOP)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("selling a demo plan failed: " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** Until usage-service has the allowances billing's outbox relays, its summaries would answer 404. */
    private static void awaitDemoAllowances(Platform platform, int subscribers) {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < subscribers; i++) {
            URI summary = URI.create(platform.service("usage-service").url("/api/v1/usage/" + Subscribers.iccid(i) + "/summary"));
            Await.until("usage-service learning demo allowance " + i, Duration.ofSeconds(60), () -> true, () -> {
                try {
                    return http.send(HttpRequest.newBuilder(summary).header("Authorization", DEMO_SHOP).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        }
    }

    private static void streamDemoTraffic(Platform platform, int subscribers, int rate, AtomicBoolean stopping,
                                          java.time.Instant plansSold) {
        SimulationProfile profile = SimulationProfile.realistic(subscribers, System.currentTimeMillis(),
                LocalDate.now(Zones.NOUMEA));
        try (CdrPublisher publisher = new CdrPublisher(platform.broker().as(KafkaPrincipal.MEDIATION))) {
            // the demo eSIMs exist since their plans were sold: their usage starts then, in bundle
            publisher.publish(CdrGenerator.liveSince(profile, platform.clock(), plansSold), 0, rate, stopping::get);
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                System.err.println("The CDR simulator stopped: " + e.getMessage());
            }
        }
    }

    /** Progress steps: PostgreSQL, Kafka, SMTP/SMPP, three services, the console, selling, allowances. */
    private static final int STEPS = 9;

    /** The demo's partner shop (it sells the demo plans). */
    private static final String DEMO_SHOP = LocalAuth.bearer("demo-shop", Set.of("partner-shop"), "SHOP-NOUMEA-01");

    private static void printUrls(Platform platform) {
        String iccid = Subscribers.iccid(0);
        String operatorToken = LocalAuth.bearer("demo-operator", Set.of("operator"), null);
        System.out.println();
        System.out.println("The eSIM platform is running. Ctrl-C stops everything.");
        System.out.println();
        System.out.println("  Start here: the operators' console  " + platform.service(Platform.CONSOLE).url("/"));
        System.out.println("    sign in with the OPERATOR_TOKEN below (without \"Bearer \" is fine)");
        System.out.println();
        System.out.println("  Kafka bootstrap      " + platform.broker().bootstrapServers()
                + "  (SASL_PLAINTEXT, SCRAM-SHA-512; logins in " + platform.broker().credentialsFile() + ")");
        for (QuarkusService service : platform.services()) {
            if (service.name().equals(Platform.CONSOLE)) {
                continue;
            }
            System.out.printf("  %-20s %s  (OpenAPI UI %s, health %s)%n", service.name(), service.url("/"),
                    service.url("/q/swagger-ui"), service.url("/q/health"));
        }
        System.out.println("  Demo usage summary   " + platform.service("usage-service")
                .url("/api/v1/usage/" + iccid + "/summary"));
        System.out.println("  Demo subscription    " + platform.service("billing-service")
                .url("/api/v1/subscriptions/" + iccid));
        System.out.println("  Demo notifications   " + platform.service("notification-service")
                .url("/api/v1/notifications?iccid=" + iccid));
        // bearer tokens for curl, one per role, signed with this run's key (the services hold its public key)
        System.out.println("  Tokens (12 h), for curl -H \"Authorization: $PARTNER_SHOP_TOKEN\" <url>; docs/access-control.md:");
        System.out.println("    export PARTNER_SHOP_TOKEN='" + DEMO_SHOP + "'   # SHOP-NOUMEA-01, sold the demo plans");
        System.out.println("    export OTHER_SHOP_TOKEN='" + LocalAuth.bearer("demo-shop-2", Set.of("partner-shop"),
                "SHOP-KONE-02") + "'   # SHOP-KONE-02, sold nothing: sees no demo records");
        System.out.println("    export OPERATOR_TOKEN='" + operatorToken + "'");
        for (String role : List.of("support-desk", "analyst")) {
            System.out.printf("    export %s_TOKEN='%s'%n", role.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    LocalAuth.bearer("demo-" + role, Set.of(role), null));
        }
        System.out.println("    export CUSTOMER_TOKEN='" + LocalAuth.customer("demo-customer-1", "APP")
                + "'   # a customer on the app: binds a demo line with the SMS code (README, \"The app's journey\")");
        if (LocalAuth.privateKeyFile() != null) {
            System.out.println("  Signing key          " + LocalAuth.privateKeyFile() + " (kept across runs, git-ignored):"
                    + " more tokens, e.g. another shop's or one that expires in a minute:");
            System.out.println("    bin/token issue --private-key " + LocalAuth.privateKeyFile()
                    + " --subject shop-3 --role partner-shop --shop SHOP-3 --valid-for PT1M");
        }
        System.out.println("    curl -H \"Authorization: $PARTNER_SHOP_TOKEN\" " + platform.service("usage-service")
                .url("/api/v1/usage/" + iccid + "/records?limit=5"));
        System.out.println("  Clock                every service runs " + platform.clockOffset() + " ahead of this machine;"
                + " bin/clock P1D (forward only) moves them all, e.g. to see reminders, expiry and grace");
        System.out.println("  Local SMTP server    127.0.0.1:" + platform.smtp().port()
                + " (GreenMail) and SMS centre 127.0.0.1:" + platform.smsc().port()
                + " (SMPP simulator): notification-service's messages land there and are listed below as they arrive;");
        System.out.println("                       in quiet hours (21:00-08:00 Nouméa, now "
                + java.time.LocalTime.now(Zones.NOUMEA).withNano(0) + ") only urgent SMS (data used up) go, the rest wait");
        // what a payment provider does for an order paid by bank transfer, WeChat Pay or Alipay
        System.out.println("  Payment callbacks    signed with HMAC-SHA256 under \"" + Platform.PAYMENT_CALLBACK_SECRET + "\":");
        System.out.println("    body='{\"orderNumber\":\"<order>\",\"paymentMethod\":\"BANK_TRANSFER\",\"currency\":\"XPF\","
                + "\"amountMinor\":<amount>,\"paymentReference\":\"demo-1\"}'");
        System.out.println("    curl -H 'Content-Type: application/json' -H \"Payment-Signature: sha256=$(printf %s \"$body\" | "
                + "openssl dgst -sha256 -hmac " + Platform.PAYMENT_CALLBACK_SECRET + " -r | cut -d' ' -f1)\" -d \"$body\" "
                + platform.service("billing-service").url("/api/v1/payments/confirmations"));
    }

    /**
     * Prints each email and SMS as the local SMTP server and SMS centre receive them, so that the demo
     * shows messages arriving (the demo's numbers and addresses are made up).
     */
    private static void showArrivingMessages(Platform platform, AtomicBoolean stopping) {
        // GreenMail lists its messages mailbox by mailbox, not in arrival order: a position in that list
        // names another message on the next call, so the listing goes by each message's id instead
        Set<String> emailsShown = new java.util.HashSet<>();
        int sms = 0;
        while (!stopping.get()) {
            for (var email : platform.smtp().received()) {
                if (emailsShown.add(nc.esim.infra.mail.LocalSmtp.id(email))) {
                    System.out.println("  email received       " + nc.esim.infra.mail.LocalSmtp.summary(email));
                }
            }
            var texts = platform.smsc().messages();
            for (; sms < texts.size(); sms++) {
                var text = texts.get(sms);
                System.out.printf("  SMS received         +%s (%d part%s, %s): %s%n", text.destination(), text.parts(),
                        text.parts() == 1 ? "" : "s", text.dataCoding() == 0x08 ? "UCS-2" : "GSM-7", text.text());
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
