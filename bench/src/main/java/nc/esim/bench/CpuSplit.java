package nc.esim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a measurement: the CPU time of this benchmark's JVM, of each
 * service, of the Kafka broker and of PostgreSQL's processes, read from Linux's {@code /proc} before
 * and after. On two cores every process of the path competes for the same CPU, so the split, per
 * record, says which one a change must make cheaper. The CPU of a JVM's JIT compiler threads is shown
 * apart ("usage-service JIT"): a service that is still compiling its hot paths spends CPU that a warm
 * one would not, and without this the split would charge it to the service's own work (HotSpot stops
 * idle compiler threads, and a stopped thread takes its CPU out of the count: the JIT figure is close,
 * not exact). Empty where {@code /proc} is not there.
 */
final class CpuSplit {
    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ: 100 on every Linux this runs on
    private final Map<String, Double> before;
    private final long startedNanos;

    private CpuSplit(Map<String, Double> before) {
        this.before = before;
        this.startedNanos = System.nanoTime();
    }

    static CpuSplit start() {
        return new CpuSplit(snapshot());
    }

    /**
     * The share of a kind of process's CPU since {@link #start} that its JIT compiler threads took:
     * near 0 once its hot paths are compiled.
     */
    double jitShareOf(String kind) {
        Map<String, Double> after = snapshot();
        double compiling = after.getOrDefault(kind + " JIT", 0.0) - before.getOrDefault(kind + " JIT", 0.0);
        double working = after.getOrDefault(kind, 0.0) - before.getOrDefault(kind, 0.0);
        return compiling + working <= 0 ? 0 : Math.max(0, compiling) / (compiling + working);
    }

    /** Prints, per kind of process, CPU seconds, share of one core and microseconds per record. */
    void print(String what, long records) {
        Map<String, Double> after = snapshot();
        if (after.isEmpty()) {
            System.out.println("cpu split: /proc not readable here");
            return;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        StringBuilder line = new StringBuilder("cpu split, " + what + " (" + String.format("%.1f", seconds) + " s): ");
        double total = 0;
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            double used = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            total += used;
            line.append(String.format("%s %.1f s = %.0f%% of a core = %.1f µs/record; ", entry.getKey(), used,
                    100 * used / seconds, 1e6 * used / records));
        }
        line.append(String.format("all %.1f µs/record", 1e6 * total / records));
        System.out.println(line);
    }

    private static Map<String, Double> snapshot() {
        Map<String, Double> seconds = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String kind = kind(p, Long.parseLong(p.getFileName().toString()) == self);
                    if (kind != null) {
                        double compiling = jitCompilerSeconds(p);
                        seconds.merge(kind, cpuSeconds(p) - compiling, Double::sum);
                        if (compiling > 0) {
                            seconds.merge(kind + " JIT", compiling, Double::sum);
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    private static String kind(Path process, boolean self) throws IOException {
        if (self) {
            return "benchmark";
        }
        String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
        if (command.contains("quarkus-run.jar")) {
            for (String service : new String[] {"usage-service", "billing-service", "notification-service"}) {
                if (command.contains(service)) {
                    return service;
                }
            }
            return "other service";
        }
        if (command.contains(" kafka.Kafka")) {
            return "broker";
        }
        if (command.startsWith("postgres") || command.contains("/bin/postgres ")) {
            return "postgresql";
        }
        return null;
    }

    /** CPU of the threads HotSpot names "C1 CompilerThread…" and "C2 CompilerThread…" (0 for other processes). */
    private static double jitCompilerSeconds(Path process) throws IOException {
        double seconds = 0;
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        seconds += cpuSeconds(thread);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return seconds;
    }

    private static double cpuSeconds(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime + stime
    }
}
