package nc.esim.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.notification.queue.Channel;
import nc.esim.notification.queue.DeliveryFacts;
import nc.esim.notification.queue.DeliveryStatus;

/**
 * Settles the SMS whose delivery receipts never came: SENT for longer than the SMS centre's validity
 * period ({@code notification.sms.receipt-validity}, 48 h), the SMS centre has given up on them too. They
 * become EXPIRED and the fact is published; a receipt that still comes later wins ({@link SmsReceipts}).
 */
@ApplicationScoped
public class ReceiptExpiry {
    private static final Logger LOG = Logger.getLogger(ReceiptExpiry.class);
    private static final int BATCH = 1000;

    private final EntityManager entityManager;
    private final SmsConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public ReceiptExpiry(EntityManager entityManager, SmsConfig config, Clock clock, MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${notification.sms.receipt-expiry-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOverdue() {
        try {
            while (expireBatch() == BATCH) {
                // a full batch: more may be overdue
            }
        } catch (RuntimeException e) {
            LOG.warnf("receipt expiry stopped, the next run takes over: %s", e.toString());
        }
    }

    /** Expires up to a batch of overdue SMS in one transaction; returns how many. */
    int expireBatch() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            update notification n set status = 'EXPIRED', last_error = ?1
                            from (select id from notification
                                  where channel = 'SMS' and status = 'SENT' and sent_at < ?2
                                  order by sent_at limit ?3 for update skip locked) overdue
                            where n.id = overdue.id
                            returning n.id, n.iccid, n.template, n.language, n.cause_event_id""")
                    .setParameter(1, "no delivery receipt within " + config.receiptValidity())
                    .setParameter(2, now.minus(config.receiptValidity())).setParameter(3, BATCH).getResultList();
            List<DeliveryFacts.Fact> facts = rows.stream().map(row -> new DeliveryFacts.Fact(((UUID) row[0]).toString(),
                    (String) row[1], Channel.SMS, (String) row[2], (String) row[3], DeliveryStatus.EXPIRED,
                    (String) row[4], now)).toList();
            entityManager.unwrap(Session.class).doWork(connection -> DeliveryFacts.append(connection, facts)); // one batch
            metrics.counter("esim.notification.messages", "channel", "SMS", "outcome", "expired").increment(rows.size());
            return rows.size();
        });
    }
}
