package nc.esim.notification.deliverylog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One message to a customer on one channel, caused by one platform event. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "cause_event_id")
    public String causeEventId;
    @Column(name = "cause_type")
    public String causeType;
    public String iccid;
    public String channel;
    /** Email address or MSISDN: personal data, shown masked. */
    public String destination;
    public String template;
    public String language;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When the causing event happened (null for messages recorded before it was kept). */
    @Column(name = "cause_occurred_at")
    public Instant causeOccurredAt;
    public int attempts;
    /** When it is due (QUEUED, RETRYING), or until when its dispatcher holds it (SENDING). */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "sent_at")
    public Instant sentAt;
}
