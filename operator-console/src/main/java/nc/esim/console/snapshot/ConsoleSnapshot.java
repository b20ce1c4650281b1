package nc.esim.console.snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import nc.esim.console.sources.BillingReports;
import nc.esim.console.sources.DeliveryReports;
import nc.esim.console.sources.KafkaLag;
import nc.esim.console.sources.RejectedRecordsTail;
import nc.esim.console.sources.UsageMetrics;

/**
 * Everything the console shows at one moment, as its sources gave it. A section is null when its
 * source did not answer this time; the page says so rather than showing an old figure as new.
 *
 * @param day the Nouméa day the business and notification figures are of
 */
public record ConsoleSnapshot(Instant at, LocalDate day, Pipeline pipeline, BillingReports.Sales business,
                              Lifecycle lifecycle, DeliveryReports.Deliveries notifications, List<Part> health) {

    /**
     * The CDR pipeline: the ingest rate now and over the chart's window (CDRs received a second), the
     * counters since usage-service started, consumer lag, and the latest rejected records.
     */
    public record Pipeline(Double ingestPerSecond, List<RatePoint> ingestHistory, UsageMetrics.IngestCounters counters,
                           List<KafkaLag.PartitionLag> lag, List<RejectedRecordsTail.Rejected> latestRejected) {
    }

    /** One point of the ingest chart; {@code perSecond} is null where usage-service did not answer. */
    public record RatePoint(Instant at, Double perSecond) {
    }

    /** Live subscriptions ending in the window, with masked ICCIDs. */
    public record Lifecycle(int windowHours, long count, List<Expiring> soonest) {
    }

    public record Expiring(String iccid, String planCode, String status, Instant validUntil, boolean autoRenew) {
    }

    /** The health of one part of the platform. */
    public record Part(String name, Status status, String detail) {
    }

    public enum Status {
        UP, DOWN, UNKNOWN
    }
}
