package nc.esim.support.limits;

/**
 * A request refused by a route ahead of authentication and of every resource ({@link BodySizeLimit},
 * {@link RefusedCallerLimit}), told as a CDI event so that the audit trail can keep it without the
 * limits knowing of the audit. Observers run on the event loop: they may count, never block.
 */
public record RefusedAtTheDoor(String method, String path, int status, String problemCode, String remoteAddress) {
}
