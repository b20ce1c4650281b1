package nc.esim.support.audit;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One state-changing call: who (token subject, roles, shop), what (method and path), when, from which
 * address, and the outcome (the HTTP status answered).
 */
public record AuditEntry(long id, Instant at, String caller, List<String> roles, String shopId, String method,
                         String path, int status, String remoteAddress, String idempotencyKey) {

    /** A page of entries, newest first; {@code nextBefore} continues it (null on the last page). */
    @Schema(name = "AuditLogPage", description = "A page of audit entries; pass nextBefore as before for the next page (absent on the last)")
    public record Page(List<AuditEntry> entries, Long nextBefore) {
    }
}
