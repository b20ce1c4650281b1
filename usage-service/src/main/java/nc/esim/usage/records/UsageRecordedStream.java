package nc.esim.usage.records;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageRecordedV1;
import nc.esim.support.kafka.Acknowledgements;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.usage.UsageConfig;
import nc.esim.usage.allowances.Draw;

/**
 * Publishes rated records on {@code esim.usage.recorded.v1}. {@link CdrIngest} has a batch's events
 * serialised while it loads the records, sends them once the load has been accepted (the unique index
 * may refuse it: nothing is sent for a load that is undone), and waits for the broker's
 * acknowledgements before its database transaction commits: once the records are counted, their events
 * are on Kafka. A crash before the commit counts nothing, and the batch, handed over again, publishes
 * the same events again under the same CloudEvents ids.
 */
@ApplicationScoped
public class UsageRecordedStream {
    static final String SOURCE = "/usage-service";
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService serializers;

    public UsageRecordedStream(KafkaSettings kafka, UsageConfig config) {
        this.producer = kafka.newProducer(kafka.bulkProducer("usage-recorded"), new StringSerializer(),
                new ByteArraySerializer());
        AtomicInteger threads = new AtomicInteger();
        this.serializers = Executors.newFixedThreadPool(config.ingest().consumers(), task -> {
            Thread thread = new Thread(task, "usage-recorded-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Events on their way to the broker. */
    public static final class Sent {
        private final List<Future<?>> acks;

        private Sent(List<Future<?>> acks) {
            this.acks = acks;
        }

        /** Returns once the broker has them all; throws if any could not be written. */
        public void awaitAcknowledged() {
            Acknowledgements.awaitAll(acks, "usage records");
        }
    }

    /** A batch's events, serialised, not sent yet. */
    public static final class Prepared {
        private final List<ProducerRecord<String, byte[]>> messages;

        private Prepared(List<ProducerRecord<String, byte[]>> messages) {
            this.messages = messages;
        }
    }

    /**
     * Serialises the first rating of each record on a thread of its own, so that this work overlaps the
     * database load the caller runs meanwhile.
     */
    public CompletableFuture<Prepared> prepareAsync(List<UsageRecordStore.RatedRecord> records, Instant now) {
        return CompletableFuture.supplyAsync(() -> prepare(records, now), serializers);
    }

    /** Sends the events on a serialising thread once prepared, while the caller goes on; it awaits the acknowledgements later. */
    public CompletableFuture<Sent> sendAsync(CompletableFuture<Prepared> prepared) {
        return prepared.thenApplyAsync(this::send, serializers);
    }

    private Prepared prepare(List<UsageRecordStore.RatedRecord> records, Instant now) {
        List<ProducerRecord<String, byte[]>> messages = new ArrayList<>(records.size());
        CloudEventHeaders.Shared shared = CloudEventHeaders.shared(UsageRecordedV1.CLOUD_EVENT_TYPE, SOURCE, now);
        LocalDates localDates = new LocalDates();
        for (UsageRecordStore.RatedRecord record : records) {
            var cdr = record.cdr();
            Instant start = cdr.startTime();
            UsageRecordedV1 event = new UsageRecordedV1(UsageRecordedV1.SCHEMA_VERSION, cdr.recordingNode(),
                    cdr.chargingId(), cdr.sequenceNumber(), cdr.iccid(), cdr.type(), start, localDates.of(start),
                    UsageRecordStore.quantityOf(cdr), drawsOf(record.rating().draws()), record.rating().outOfBundle(), 1);
            ProducerRecord<String, byte[]> message = new ProducerRecord<>(Topics.USAGE_RECORDED, cdr.iccid(),
                    UsageRecordedJson.write(event));
            CloudEventHeaders.write(shared, event.eventId(), event.iccid(), message.headers());
            messages.add(message);
        }
        return new Prepared(messages);
    }

    private Sent send(Prepared prepared) {
        List<Future<?>> acks = new ArrayList<>(prepared.messages.size());
        for (ProducerRecord<String, byte[]> message : prepared.messages) {
            acks.add(producer.send(message));
        }
        return new Sent(acks);
    }

    public static UsageRecordedV1 event(RecordKey key, UsageType type, long quantity, List<Draw> draws, long outOfBundle,
                                        int ratingVersion) {
        Instant start = key.startTime();
        return new UsageRecordedV1(UsageRecordedV1.SCHEMA_VERSION, key.recordingNode(), key.chargingId(),
                key.sequenceNumber(), key.iccid(), type, start, LocalDate.ofInstant(start, Zones.NOUMEA).toString(),
                quantity, drawsOf(draws), outOfBundle, ratingVersion);
    }

    private static List<UsageRecordedV1.AllowanceDraw> drawsOf(List<Draw> draws) {
        if (draws.size() == 1) { // the common case: no stream pipeline per record
            return List.of(new UsageRecordedV1.AllowanceDraw(draws.get(0).allowanceId(), draws.get(0).quantity()));
        }
        return draws.stream().map(d -> new UsageRecordedV1.AllowanceDraw(d.allowanceId(), d.quantity())).toList();
    }

    /**
     * The Nouméa calendar day of a start time, as the contract writes it. The CDRs of a batch fall on a
     * few days: each day's text is made once, not once per record.
     */
    static final class LocalDates {
        private final Map<Long, String> byLocalEpochDay = new HashMap<>();
        private final ZoneRules noumea = Zones.NOUMEA.getRules();

        String of(Instant start) {
            ZoneOffset offset = noumea.getOffset(start);
            long localEpochDay = Math.floorDiv(start.getEpochSecond() + offset.getTotalSeconds(), 86_400L);
            return byLocalEpochDay.computeIfAbsent(localEpochDay, day -> LocalDate.ofEpochDay(day).toString());
        }
    }

    public static EventMetadata metadata(UsageRecordedV1 event, Instant ratedAt) {
        return new EventMetadata(event.eventId(), UsageRecordedV1.CLOUD_EVENT_TYPE, SOURCE, event.iccid(), ratedAt);
    }

    @PreDestroy
    void close() {
        serializers.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
