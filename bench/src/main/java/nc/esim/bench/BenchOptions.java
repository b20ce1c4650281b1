package nc.esim.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a benchmark's command line. */
final class BenchOptions {
    private BenchOptions() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
