package nc.esim.console.sources;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.console.ConsoleConfig;

/** usage-service's ingest counters, from its Prometheus metrics. */
@ApplicationScoped
public class UsageMetrics {
    private final SourceClient client;
    private final ConsoleConfig config;

    public UsageMetrics(SourceClient client, ConsoleConfig config) {
        this.client = client;
        this.config = config;
    }

    /** CDRs since usage-service started: received, counted, duplicates, rejected (and by reason). */
    public record IngestCounters(long received, long accepted, long duplicates, long rejected,
                                 Map<String, Long> rejectedByReason) {
    }

    public CompletableFuture<IngestCounters> ingest() {
        return client.get(config.sources().usage(), "/q/metrics").thenApply(answer -> {
            if (answer.status() != 200) {
                throw new SourceClient.SourceUnavailable("usage-service metrics answered " + answer.status());
            }
            PrometheusText metrics = PrometheusText.parse(answer.body());
            Map<String, Long> byReason = new TreeMap<>();
            metrics.sumBy("esim_cdr_rejected_total", "reason").forEach((reason, n) -> byReason.put(reason, n.longValue()));
            return new IngestCounters((long) metrics.sum("esim_cdr_received_total"),
                    (long) metrics.sum("esim_cdr_accepted_total"), (long) metrics.sum("esim_cdr_duplicates_total"),
                    byReason.values().stream().mapToLong(Long::longValue).sum(), byReason);
        });
    }
}
