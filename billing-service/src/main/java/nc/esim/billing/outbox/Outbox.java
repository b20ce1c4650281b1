package nc.esim.billing.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;

/** Records an event in the caller's transaction; {@link OutboxRelay} publishes it once that commits. */
@ApplicationScoped
public class Outbox {

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventMetadata metadata, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.fromString(metadata.id());
        event.topic = topic;
        event.key = metadata.subject();
        event.type = metadata.type();
        event.source = metadata.source();
        event.occurredAt = metadata.time();
        event.payload = EventJson.write(payload);
        event.persist();
    }
}
