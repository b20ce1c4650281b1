package nc.esim.simulator;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import nc.esim.contracts.Zones;

/**
 * Command line: {@code java nc.esim.simulator.CdrSimulatorMain --bootstrap 127.0.0.1:9092
 * --kafka-config mediation.properties --subscribers 100 --records 10000 [--rate 500] [--seed 1]
 * [--day 2026-11-21] [--live] [--clean] [--truth-file truth.json]}. With {@code --records 0} it streams
 * until stopped. {@code --kafka-config} is a Kafka client properties file (as Kafka's own tools take
 * with {@code --command-config}) with the mediation principal's SASL login, so that its password is
 * never on the command line.
 */
public final class CdrSimulatorMain {
    private CdrSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "100"));
        long records = Long.parseLong(options.getOrDefault("records", "10000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "0"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        LocalDate day = LocalDate.parse(options.getOrDefault("day",
                LocalDate.now(Zones.NOUMEA).minusDays(1).toString()));
        SimulationProfile profile = options.containsKey("clean")
                ? SimulationProfile.clean(subscribers, seed, day)
                : SimulationProfile.realistic(subscribers, seed, day);
        CdrGenerator generator = options.containsKey("live")
                ? CdrGenerator.live(profile, Clock.systemUTC())
                : CdrGenerator.forDay(profile);

        Map<String, Object> connection = new HashMap<>();
        if (options.containsKey("kafka-config")) {
            Properties login = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(options.get("kafka-config")))) {
                login.load(in);
            }
            login.forEach((key, value) -> connection.put(String.valueOf(key), value));
        }
        connection.put("bootstrap.servers", bootstrap);
        try (CdrPublisher publisher = new CdrPublisher(connection)) {
            long sent = publisher.publish(generator, records, rate, () -> Thread.currentThread().isInterrupted());
            GroundTruth truth = generator.groundTruth();
            System.out.printf("cdr-simulator: sent=%d distinct-valid=%d duplicates=%d malformed=%d late=%d%n",
                    sent, truth.distinctValidRecords(), truth.duplicates(), truth.malformed(), truth.late());
            if (options.containsKey("truth-file")) {
                truth.writeTo(Path.of(options.get("truth-file")));
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }
}
