package nc.esim.usage.records;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.usage.UsageRecordedV1;
import nc.esim.support.kafka.Acknowledgements;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.usage.allowances.Draw;

/**
 * Publishes rated records on {@code esim.usage.recorded.v1}. {@link CdrIngest} publishes a batch and
 * waits for the broker's acknowledgements before its database transaction commits: once the records
 * are counted, their events are on Kafka. A crash before the commit counts nothing, and the batch,
 * handed over again, publishes the same events again under the same CloudEvents ids.
 */
@ApplicationScoped
public class UsageRecordedStream {
    static final String SOURCE = "/usage-service";
    private final KafkaProducer<String, byte[]> producer;

    public UsageRecordedStream(KafkaSettings kafka) {
        this.producer = new KafkaProducer<>(kafka.producer("usage-recorded"), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Publishes the first rating of each record and waits until the broker has them all. */
    public void publishAndWait(List<UsageRecordStore.RatedRecord> records, Instant now) {
        List<Future<?>> acks = new ArrayList<>(records.size());
        for (UsageRecordStore.RatedRecord record : records) {
            var cdr = record.cdr();
            UsageRecordedV1 event = event(RecordKey.of(cdr), cdr.type(), UsageRecordStore.quantityOf(cdr),
                    record.rating().draws(), record.rating().outOfBundle(), 1);
            ProducerRecord<String, byte[]> message = new ProducerRecord<>(Topics.USAGE_RECORDED, cdr.iccid(),
                    EventJson.write(event));
            CloudEventHeaders.write(metadata(event, now), message.headers());
            acks.add(producer.send(message));
        }
        Acknowledgements.awaitAll(acks, "usage records");
    }

    public static UsageRecordedV1 event(RecordKey key, UsageType type, long quantity, List<Draw> draws, long outOfBundle,
                                        int ratingVersion) {
        Instant start = key.startTime();
        return new UsageRecordedV1(UsageRecordedV1.SCHEMA_VERSION, key.recordingNode(), key.chargingId(),
                key.sequenceNumber(), key.iccid(), type, start, LocalDate.ofInstant(start, Zones.NOUMEA).toString(),
                quantity, draws.stream().map(d -> new UsageRecordedV1.AllowanceDraw(d.allowanceId(), d.quantity())).toList(),
                outOfBundle, ratingVersion);
    }

    public static EventMetadata metadata(UsageRecordedV1 event, Instant ratedAt) {
        return new EventMetadata(event.eventId(), UsageRecordedV1.CLOUD_EVENT_TYPE, SOURCE, event.iccid(), ratedAt);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
