package nc.esim.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.platform.QuarkusService;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;
import nc.esim.infra.smsc.SmscSimulator;

/**
 * The morning flush of {@code bench/notify}: a notification-service of its own, with quiet hours as in
 * production (21:00–08:00 Nouméa), the SMS centre's contracted rate and an hourly cap, its clock moved to
 * 07:58 in Nouméa. {@code count} non-urgent SMS (renewal notices, no email) come in and are deferred to 08:00;
 * then the clock is moved past 08:00 and they go. Measured: the rate at the SMS centre against the contracted
 * one, what the cap held back (still QUEUED), and every message lost or twice.
 */
final class MorningFlush {
    /** What the flush gave. */
    record Result(int count, int sent, int waiting, long lost, long duplicated, double ratePerSecond, double seconds,
                  int contractedRate, int hourlyCap, double deferSeconds) {
    }

    private MorningFlush() {
    }

    static Result run(Path root, Path workDir, LocalPostgres postgres, LocalKafkaBroker broker, SmscSimulator smsc,
                      int count, int rate, int hourlyCap, int firstCustomer) throws Exception {
        String database = postgres.createFreshDatabase("bench_notification_flush");
        Path clockFile = workDir.resolve("flush-clock-offset");
        // the service's day starts at 07:00 in Nouméa, in quiet hours, an hour before they end: time enough to
        // take in and defer every SMS; then its clock is moved to 08:00
        Instant now = Instant.now();
        ZonedDateTime local = now.atZone(Zones.NOUMEA);
        ZonedDateTime seven = local.with(LocalTime.of(7, 0));
        if (!seven.isAfter(local)) {
            seven = seven.plusDays(1);
        }
        Instant eight = seven.plusHours(1).toInstant();
        Duration atSeven = Duration.between(now, seven.toInstant()).withNanos(0);
        Platform.writeClockOffset(clockFile, atSeven);
        // no email goes: these customers have no address
        Map<String, String> config = NotifyBenchmark.serviceConfig(postgres, database, broker, FreePort.find(), smsc.port());
        config.putAll(Map.of("notification.sms.throughput-per-second", String.valueOf(rate),
                "notification.sms.hourly-cap", String.valueOf(hourlyCap),
                "notification.sms.quiet-hours.start", "21:00",
                "notification.sms.quiet-hours.end", "08:00",
                "esim.clock.offset-file", clockFile.toString()));
        try (QuarkusService service = QuarkusService.start(root, "notification-service", "notification-service-flush",
                FreePort.find(), config, workDir.resolve("logs"), QuarkusService.Jvm.SMALL);
             EventPublisher publisher = new EventPublisher(broker);
             Connection db = postgres.connect(database)) {
            String offsetSeen = "esim_clock_offset_seconds " + (double) atSeven.toSeconds();
            Await.until("the flush service's clock at 07:00 in Nouméa", Duration.ofSeconds(30), service::isAlive,
                    () -> service.metrics().contains(offsetSeen));
            Set<String> numbers = new HashSet<>();
            List<EventPublisher.Event> events = new ArrayList<>(count);
            Instant at = Instant.now();
            for (int c = firstCustomer; c < firstCustomer + count; c++) {
                String iccid = Identifiers.withLuhnDigit("8968792" + String.format("%011d", c));
                String msisdn = "687" + String.format("%06d", c * 10L + 3);
                numbers.add(msisdn);
                events.add(new EventPublisher.Event(EventMetadata.newEvent(SubscriptionEventType.RENEWED.cloudEventType(),
                        "/billing-service", iccid, at), new SubscriptionEventV1(1, SubscriptionEventType.RENEWED,
                        UUID.randomUUID().toString(), iccid, "+" + msisdn, "TRAVEL-7D-10GB", "ORD-FLUSH-" + c, "en", null,
                        new AllowanceV1("ORD-FLUSH-" + c, 10L << 30, 6_000, 100, at, at.plus(Duration.ofDays(7))), at,
                        "SHOP-BENCH", false)));
            }
            int smsBefore = smsc.messages().size();
            long publishing = System.nanoTime();
            // groups of 10,000: the broker's producer buffer and the benchmark's own memory stay small
            for (int from = 0; from < events.size(); from += 10_000) {
                publisher.publishAll(Topics.SUBSCRIPTION, events.subList(from, Math.min(events.size(), from + 10_000)));
            }
            Await.until("the " + count + " SMS deferred to 08:00", Duration.ofMinutes(10), service::isAlive,
                    () -> count(db, "select count(*) from notification where channel = 'SMS' and status = 'QUEUED' "
                            + "and next_attempt_at = '" + eight + "'") == count);
            double deferSeconds = (System.nanoTime() - publishing) / 1e9;
            if (smsc.messages().size() != smsBefore) {
                throw new IllegalStateException("SMS went out in quiet hours");
            }
            Platform.writeClockOffset(clockFile, Duration.between(Instant.now(), eight).plusSeconds(1));
            long released = System.nanoTime();
            int expected = Math.min(count, hourlyCap);
            Await.until(expected + " flushed SMS at the SMS centre", Duration.ofMinutes(30), service::isAlive,
                    () -> smsc.messages().size() - smsBefore >= expected);
            List<SmscSimulator.Message> firstOut = smsc.messages().subList(smsBefore, smsc.messages().size());
            double seconds = (System.nanoTime() - released) / 1e9;
            Thread.sleep(5_000); // anything beyond the cap, or twice, would show now
            List<SmscSimulator.Message> out = smsc.messages().subList(smsBefore, smsc.messages().size());
            Set<String> got = new HashSet<>();
            long duplicated = 0;
            for (SmscSimulator.Message message : out) {
                if (numbers.contains(message.destination()) && !got.add(message.destination())) {
                    duplicated++;
                }
            }
            int waiting = (int) count(db, "select count(*) from notification where channel = 'SMS' and status = 'QUEUED'");
            long lost = count - got.size() - waiting;
            return new Result(count, got.size(), waiting, lost, duplicated, firstOut.size() / seconds, seconds, rate,
                    hourlyCap, deferSeconds);
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static long count(Connection db, String sql) {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
