package nc.esim.notification.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * A one-time code stays in a notification's stored parameters only until its SMS is settled (sent,
 * delivered, failed, expired or suppressed): after that nothing renders it again, and a copy of the
 * database gives no code. ({@code jsonb_exists} rather than the {@code ?} operator, which JDBC takes for a
 * parameter; the partial index is written the same way so that it serves the query.)
 */
@ApplicationScoped
public class CodeRedaction {
    private final EntityManager entityManager;

    public CodeRedaction(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Scheduled(every = "${notification.codes.redact-interval:PT30S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void redactSettled() {
        redact();
    }

    /** Removes the code of every settled code message; returns how many it changed. */
    @Transactional
    public int redact() {
        return entityManager.createNativeQuery("""
                update notification set parameters = parameters - 'code'
                where template = 'binding-code' and jsonb_exists(parameters, 'code')
                  and status in ('SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'SUPPRESSED')""").executeUpdate();
    }
}
