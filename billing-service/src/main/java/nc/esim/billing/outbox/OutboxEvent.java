package nc.esim.billing.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event waiting in the outbox (published_at null) or already relayed to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public UUID eventId;
    public String topic;
    @Column(name = "event_key")
    public String key;
    @Column(name = "event_type")
    public String type;
    public String source;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public byte[] payload;
    @Column(name = "published_at")
    public Instant publishedAt;
}
