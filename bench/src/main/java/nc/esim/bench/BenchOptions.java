package nc.esim.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a benchmark's command line. */
public final class BenchOptions {
    private BenchOptions() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /**
     * Service configuration that lifts the per-caller rate limit: a harness sends everything with one
     * token, standing for every shop at once, and measures the service rather than its limit.
     */
    public static java.util.Map<String, String> apiRateLimitLifted() {
        return java.util.Map.of("esim.api.rate-limit.requests-per-second", "1000000000",
                "esim.api.rate-limit.burst", "1000000000");
    }
}
