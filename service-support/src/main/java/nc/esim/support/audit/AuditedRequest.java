package nc.esim.support.audit;

import jakarta.enterprise.context.RequestScoped;

/** Whether this request's audit entry was already committed with its transaction ({@link AuditedCalls}). */
@RequestScoped
public class AuditedRequest {
    private volatile boolean recorded;

    void recorded() {
        recorded = true;
    }

    boolean isRecorded() {
        return recorded;
    }
}
