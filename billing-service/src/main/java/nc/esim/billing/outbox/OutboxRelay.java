package nc.esim.billing.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import nc.esim.billing.BillingConfig;
import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventMetadata;
import nc.esim.support.kafka.Acknowledgements;
import nc.esim.support.kafka.KafkaSettings;

/**
 * Publishes outbox events to Kafka in id order with an idempotent producer, and marks them published
 * in the same transaction that read them. One relay at a time across all instances (a transaction-
 * scoped advisory lock), so events of one ICCID keep their order. If Kafka is down, the transaction
 * rolls back and the events wait for the next run: none lost, none reordered. A crash after the send
 * and before the commit publishes those events again; consumers deduplicate on the CloudEvents id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x0E51_B111_0001L;

    private final EntityManager entityManager;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;
    private final BillingConfig config;

    public OutboxRelay(EntityManager entityManager, KafkaSettings kafka, Clock clock, BillingConfig config) {
        this.entityManager = entityManager;
        this.producer = new KafkaProducer<>(kafka.producer("outbox-relay"), new StringSerializer(),
                new ByteArraySerializer());
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${billing.outbox.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        try {
            while (relayBatch() == config.outbox().batchSize()) {
                // a full batch: there may be more waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay paused, events wait for the next run: %s", e.toString());
        }
    }

    /** Publishes up to one batch of waiting events; returns how many. */
    @Transactional
    public int relayBatch() {
        boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxEvent> waiting = OutboxEvent.<OutboxEvent>find("publishedAt is null order by id")
                .page(0, config.outbox().batchSize()).list();
        List<Future<?>> acks = new ArrayList<>(waiting.size());
        for (OutboxEvent event : waiting) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic, event.key, event.payload);
            CloudEventHeaders.write(new EventMetadata(event.eventId.toString(), event.type, event.source, event.key,
                    event.occurredAt), record.headers());
            acks.add(producer.send(record));
        }
        Acknowledgements.awaitAll(acks, "the outbox batch");
        var now = clock.instant();
        waiting.forEach(event -> event.publishedAt = now);
        return waiting.size();
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
