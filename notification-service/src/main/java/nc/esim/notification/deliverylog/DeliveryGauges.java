package nc.esim.notification.deliverylog;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import nc.esim.notification.sms.SmppLink;

/**
 * Gauges an operator watches: messages waiting in the queue ({@code esim_notification_queue_depth}) and
 * whether the SMPP link is bound ({@code esim_notification_smpp_link_up}, 1 or 0).
 */
@ApplicationScoped
public class DeliveryGauges {

    void register(@Observes StartupEvent start, MeterRegistry registry, DeliveryReports reports, SmppLink smpp) {
        Gauge.builder("esim.notification.queue.depth", reports, DeliveryGauges::depthOrNaN)
                .description("Messages queued, waiting for a retry, or being sent").register(registry);
        Gauge.builder("esim.notification.smpp.link.up", smpp, link -> link.bound() ? 1 : 0)
                .description("1 while the SMPP link to the SMS centre is bound").register(registry);
    }

    private static double depthOrNaN(DeliveryReports reports) {
        try {
            return reports.queueDepth();
        } catch (SQLException e) {
            return Double.NaN; // database away: unknown, not zero
        }
    }
}
