package nc.esim.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import nc.esim.infra.platform.Platform;
import nc.esim.infra.postgres.LocalPostgres;

/**
 * Strikes the faults one after another at random moments (a random quiet spell before each), and
 * times each: how long it lasted until it was undone (the service restarted and ready, the broker
 * back, the servers up), then how long the platform took to recover, that is until every backlog was
 * back to where it stood before the fault ({@link Backlogs.Reading#backTo}).
 */
final class FaultInjector {
    /**
     * What one fault did: when it struck, how long until it was undone, how long until the platform
     * recovered (null: not within {@link #RECOVERY_TIMEOUT}).
     */
    record Outcome(Fault fault, Instant struck, Duration lasted, Duration recovered, Backlogs.Reading before) {
        String recoveredText() {
            return recovered == null ? "not within " + RECOVERY_TIMEOUT.toMinutes() + " min"
                    : String.format("%.1f s", recovered.toMillis() / 1e3);
        }
    }

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(10);

    private final Platform platform;
    private final LocalPostgres postgres;
    private final Backlogs backlogs;
    private final Random random;
    private final Duration minQuiet;
    private final Duration maxQuiet;
    /** Backlogs this small count as recovered whatever they were before: what steady state works off in a moment. */
    private final Map<String, Long> slack;

    FaultInjector(Platform platform, LocalPostgres postgres, Backlogs backlogs, Random random, Duration minQuiet,
                  Duration maxQuiet, Map<String, Long> slack) {
        this.slack = Map.copyOf(slack);
        this.platform = platform;
        this.postgres = postgres;
        this.backlogs = backlogs;
        this.random = random;
        this.minQuiet = minQuiet;
        this.maxQuiet = maxQuiet;
    }

    List<Outcome> strike(List<Fault> faults) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Fault fault : faults) {
            long quiet = minQuiet.toMillis() + (long) (random.nextDouble() * (maxQuiet.toMillis() - minQuiet.toMillis()));
            Thread.sleep(quiet);
            Backlogs.Reading before = backlogs.read();
            Instant struck = Instant.now();
            System.out.printf("fault: %s at %s (before: %s)%n", fault.label(), struck, before);
            undoAfter(fault);
            Instant undone = Instant.now();
            Instant recovered = awaitRecovery(before);
            Outcome outcome = new Outcome(fault, struck, Duration.between(struck, undone),
                    recovered == null ? null : Duration.between(undone, recovered), before);
            System.out.printf("fault: %s lasted %.1f s, recovered: %s after%n", fault.label(),
                    outcome.lasted().toMillis() / 1e3, outcome.recoveredText());
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Strikes the fault and undoes it; returns once the thing that failed is back. */
    private void undoAfter(Fault fault) throws InterruptedException {
        switch (fault.kind()) {
            case CRASH -> platform.crashAndRestart(fault.target());
            case BROKER_PAUSE -> {
                platform.pauseBroker();
                Thread.sleep(fault.outage().toMillis());
                platform.resumeBroker();
            }
            case BROKER_STOP -> platform.restartBroker(fault.outage());
            case DATABASE_RESTART -> postgres.restart();
            case MAIL_AND_SMS_OUTAGE -> {
                platform.smtp().down();
                platform.smsc().down();
                Thread.sleep(fault.outage().toMillis());
                platform.smtp().up();
                platform.smsc().up();
            }
        }
    }

    private Instant awaitRecovery(Backlogs.Reading before) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
        Backlogs.Reading now = backlogs.read();
        while (!now.backTo(before, slack)) {
            if (Instant.now().isAfter(deadline)) {
                System.out.printf("fault: not recovered after %s: %s%n", RECOVERY_TIMEOUT, now);
                return null;
            }
            Thread.sleep(250);
            now = backlogs.read();
        }
        return Instant.now();
    }
}
