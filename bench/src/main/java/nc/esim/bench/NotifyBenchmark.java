package nc.esim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.KafkaPrincipal;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.mail.LocalSmtp;
import nc.esim.infra.platform.QuarkusService;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.FreePort;
import nc.esim.infra.smsc.SmscSimulator;

/**
 * The notification benchmark (issue 5), on the packaged notification-service with a real broker,
 * PostgreSQL, GreenMail as the SMTP server and the SMS-centre simulator: a burst of {@code --events}
 * subscription events, each for its own customer with an email address and a number, is published at
 * once; the clock runs until every email and every SMS has arrived (or {@code --timeout}). Each arrival
 * is matched to its customer: missing ones are lost, extra copies duplicated. The SMS pace is the
 * service's own throttle ({@code --sms-rate}, the SMS centre's contracted rate), so the SMS figure is
 * bounded by it by design. A yardstick measured in the same run ({@link RawChannels}: bare SMTP and SMPP clients
 * on the same servers) shows what the service's own work costs. Then the morning flush ({@link MorningFlush}):
 * SMS deferred by quiet hours, released at 08:00 by moving a service's clock. Last line:
 * {@code notify: sms=<n>/s email=<n>/s smtp-yardstick=<n>/s email-ratio=<r> lost=<n> duplicated=<n>}.
 */
public final class NotifyBenchmark {
    private NotifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        int events = Integer.parseInt(options.getOrDefault("events", "5000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(Math.max(200, events / 10))));
        String smsRate = options.getOrDefault("sms-rate", "1000");
        Duration timeout = Duration.parse(options.getOrDefault("timeout", "PT10M"));
        int flush = Integer.parseInt(options.getOrDefault("flush", "50000"));
        int flushRate = Integer.parseInt(options.getOrDefault("flush-rate", "500"));
        int flushCap = Integer.parseInt(options.getOrDefault("flush-cap", String.valueOf(flush * 4 / 5)));
        Path workDir = Files.createTempDirectory("esim-bench-notify-");
        System.out.printf("notify: %,d events (each one email and one SMS) after %,d of warm-up, SMS throttle %s/s, %d cores%n",
                events, warmup, smsRate, Runtime.getRuntime().availableProcessors());

        LocalPostgres postgres = LocalPostgres.shared();
        String database = postgres.createFreshDatabase("bench_notification");
        long lost;
        long duplicated;
        double smsPerSecond;
        double emailPerSecond;
        double smtpYardstick;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(workDir.resolve("kafka"), FreePort.find());
             LocalSmtp smtp = LocalSmtp.start(FreePort.find());
             SmscSimulator smsc = SmscSimulator.start(FreePort.find())) {
            broker.createTopics(Topics.ALL, 4);
            Map<String, String> config = serviceConfig(postgres, database, broker, smtp.port(), smsc.port());
            config.put("notification.sms.throughput-per-second", smsRate);
            config.put("notification.sms.hourly-cap", String.valueOf(10 * (events + warmup)));
            // the burst must not meet quiet hours whatever the time in Nouméa
            config.put("notification.sms.quiet-hours.start", "00:00");
            config.put("notification.sms.quiet-hours.end", "00:00");
            try (QuarkusService service = QuarkusService.start(root, "notification-service", FreePort.find(), config,
                    workDir.resolve("logs"));
                 EventPublisher publisher = new EventPublisher(broker)) {
                Burst warm = burst(publisher, smtp, smsc, 0, warmup, timeout);
                System.out.printf("warm-up: %,d emails in %.1f s, %,d SMS in %.1f s%n", warm.emails, warm.emailSeconds,
                        warm.sms, warm.smsSeconds);
                double rawSmtp = RawChannels.smtpRate(smtp.port(), events);
                double rawSmpp = RawChannels.smppRate(smsc.port(), events, 10);
                System.out.printf("yardstick (bare clients, same servers, same run): smtp=%.0f/s smpp=%.0f/s%n", rawSmtp,
                        rawSmpp);
                Burst run = burst(publisher, smtp, smsc, warmup, events, timeout);
                System.out.printf("measured: %,d emails in %.1f s, %,d SMS in %.1f s; lost %d emails, %d SMS; duplicated %d emails, %d SMS%n",
                        run.emails, run.emailSeconds, run.sms, run.smsSeconds, run.lostEmails, run.lostSms,
                        run.duplicatedEmails, run.duplicatedSms);
                System.out.printf("service / yardstick: email=%.2f sms=%.2f (the SMS pace is capped at %s/s)%n",
                        run.emails / run.emailSeconds / rawSmtp, run.sms / run.smsSeconds / rawSmpp, smsRate);
                lost = run.lostEmails + run.lostSms + warm.lostEmails + warm.lostSms;
                duplicated = run.duplicatedEmails + run.duplicatedSms + warm.duplicatedEmails + warm.duplicatedSms;
                smsPerSecond = run.sms / run.smsSeconds;
                emailPerSecond = run.emails / run.emailSeconds;
                smtpYardstick = rawSmtp;
            }
            if (flush > 0) {
                // after the burst's service has stopped: the flush's own service takes over its consumer group
                MorningFlush.Result morning = MorningFlush.run(root, workDir, postgres, broker, smsc, flush, flushRate,
                        flushCap, 20_000);
                System.out.printf("morning flush: %,d SMS deferred by quiet hours to 08:00 in %.1f s; the clock moved to "
                                + "08:00: %,d sent in %.1f s at %.0f/s (contracted %d/s), the hourly cap of %,d held back "
                                + "%,d (still QUEUED); lost %d, duplicated %d%n",
                        morning.count(), morning.deferSeconds(), morning.sent(), morning.seconds(), morning.ratePerSecond(),
                        morning.contractedRate(), morning.hourlyCap(), morning.waiting(), morning.lost(),
                        morning.duplicated());
                lost += morning.lost();
                duplicated += morning.duplicated();
            }
            System.out.printf("notify: sms=%.0f/s email=%.0f/s smtp-yardstick=%.0f/s email-ratio=%.2f lost=%d duplicated=%d%n",
                    smsPerSecond, emailPerSecond, smtpYardstick, emailPerSecond / smtpYardstick, lost, duplicated);
        } finally {
            postgres.dropDatabase(database);
        }
    }

    /** notification-service's configuration for a benchmark: its database, the broker, GreenMail and the simulator. */
    static Map<String, String> serviceConfig(LocalPostgres postgres, String database, LocalKafkaBroker broker,
                                             int smtpPort, int smscPort) {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.log.level", "WARN",
                "quarkus.mailer.port", String.valueOf(smtpPort),
                "quarkus.mailer.start-tls", "DISABLED",
                "notification.sms.smsc.port", String.valueOf(smscPort)));
        config.putAll(broker.quarkusConfig(KafkaPrincipal.NOTIFICATION));
        return config;
    }

    /** What one burst delivered and how long each channel took. */
    private record Burst(long emails, double emailSeconds, long sms, double smsSeconds, long lostEmails, long lostSms,
                         long duplicatedEmails, long duplicatedSms) {
    }

    private static String email(int customer) {
        return "bench" + customer + "@example.nc";
    }

    private static String msisdn(int customer) {
        // as the SMS centre sees it, without the +; never ending in 0000, which the simulator does not deliver;
        // +687 and six digits, as billing sells them (the notifier rejects any other number)
        long number = customer * 10L + 1;
        if (number > 999_999) {
            throw new IllegalArgumentException("too many customers for six-digit numbers: " + customer);
        }
        return "687" + String.format("%06d", number);
    }

    /** Publishes events for customers [first, first + count) and waits for their messages. */
    private static Burst burst(EventPublisher publisher, LocalSmtp smtp, SmscSimulator smsc, int first, int count,
                               Duration timeout) throws InterruptedException {
        int emailsBefore = smtp.received().size();
        int smsBefore = smsc.messages().size();
        Instant now = Instant.now();
        long start = System.nanoTime();
        List<EventPublisher.Event> burst = new ArrayList<>(count);
        for (int c = first; c < first + count; c++) {
            String iccid = Identifiers.withLuhnDigit("8968791" + String.format("%011d", c));
            burst.add(new EventPublisher.Event(EventMetadata.newEvent(SubscriptionEventType.RENEWED.cloudEventType(),
                    "/billing-service", iccid, now), new SubscriptionEventV1(1, SubscriptionEventType.RENEWED,
                    UUID.randomUUID().toString(), iccid, "+" + msisdn(c), "TRAVEL-7D-10GB", "ORD-BENCH-" + c,
                    c % 3 == 0 ? "fr" : c % 3 == 1 ? "en" : "zh", email(c),
                    new AllowanceV1("ORD-BENCH-" + c, 10L << 30, 6_000, 100, now, now.plus(Duration.ofDays(7))), now,
                    "SHOP-BENCH", false)));
        }
        publisher.publishAll(Topics.SUBSCRIPTION, burst);
        long emailDone = 0;
        long smsDone = 0;
        long deadline = start + timeout.toNanos();
        while ((emailDone == 0 || smsDone == 0) && System.nanoTime() < deadline) {
            if (emailDone == 0 && smtp.received().size() - emailsBefore >= count) {
                emailDone = System.nanoTime();
            }
            if (smsDone == 0 && smsc.messages().size() - smsBefore >= count) {
                smsDone = System.nanoTime();
            }
            Thread.sleep(20);
        }
        Thread.sleep(2_000); // late copies would show as duplicates
        long end = System.nanoTime();
        List<MimeMessage> emails = smtp.received().subList(emailsBefore, smtp.received().size());
        List<SmscSimulator.Message> texts = smsc.messages().subList(smsBefore, smsc.messages().size());
        Set<String> expectedEmails = new HashSet<>();
        Set<String> expectedNumbers = new HashSet<>();
        for (int c = first; c < first + count; c++) {
            expectedEmails.add(email(c));
            expectedNumbers.add(msisdn(c));
        }
        Set<String> gotEmails = new HashSet<>();
        long duplicatedEmails = 0;
        for (MimeMessage mail : emails) {
            String to = recipient(mail);
            if (expectedEmails.contains(to) && !gotEmails.add(to)) {
                duplicatedEmails++;
            }
        }
        Set<String> gotNumbers = new HashSet<>();
        long duplicatedSms = 0;
        for (SmscSimulator.Message text : texts) {
            if (expectedNumbers.contains(text.destination()) && !gotNumbers.add(text.destination())) {
                duplicatedSms++;
            }
        }
        return new Burst(gotEmails.size(), ((emailDone == 0 ? end : emailDone) - start) / 1e9, gotNumbers.size(),
                ((smsDone == 0 ? end : smsDone) - start) / 1e9, count - gotEmails.size(), count - gotNumbers.size(),
                duplicatedEmails, duplicatedSms);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
