package nc.esim.billing.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import nc.esim.billing.metrics.BillingMetrics;
import nc.esim.billing.BillingConfig;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.Caller;

/**
 * Makes a state-changing request safe to retry. In the caller's transaction, the key is claimed with
 * an insert: PostgreSQL makes a second request with the same key wait on the unique index until the
 * first commits or rolls back, so two copies of one request never both run. A committed key answers
 * with the first response when the body is the same and is refused (422) when it differs. A request
 * that failed claimed nothing (its transaction rolled back), so retrying it runs it again.
 */
@ApplicationScoped
public class IdempotencyKeys {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final int MAX_KEY_LENGTH = 200;

    private final EntityManager entityManager;
    private final Clock clock;
    private final BillingConfig config;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Caller caller;
    private final BillingMetrics metrics;

    public IdempotencyKeys(EntityManager entityManager, Clock clock, BillingConfig config,
                           com.fasterxml.jackson.databind.ObjectMapper json, Caller caller, BillingMetrics metrics) {
        this.metrics = metrics;
        this.json = json;
        this.caller = caller;
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config;
    }

    void checkRetention(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        if (config.idempotency().retention().compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalStateException("billing.idempotency.retention must be at least 24 hours");
        }
    }

    /** A response as first given: its status and JSON body. */
    private record StoredResponse(int status, String body) {
    }

    /**
     * Answers a POST once per key within {@code scope} and the caller's account (a partner shop, or a
     * token subject): the first time {@code action} runs and its result, as JSON with {@code status},
     * is kept with the key; afterwards the kept response is returned without running it. {@code request}
     * is what identifies the body (its JSON is hashed). Another caller's same key is another request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public jakarta.ws.rs.core.Response respondOnce(String scope, String key, Object request, int status,
                                                   Supplier<Object> action) {
        boolean[] ran = {false};
        StoredResponse response = once(caller.account() + "|" + scope, key, json(request), () -> {
            ran[0] = true;
            return new StoredResponse(status, json(action.get()));
        });
        if (!ran[0]) {
            // the operation only ("renewal"), never the ICCID that follows it in the scope
            int colon = scope.indexOf(':');
            metrics.idempotentReplay(colon < 0 ? scope : scope.substring(0, colon));
        }
        return jakarta.ws.rs.core.Response.status(response.status()).entity(response.body())
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON).build();
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code request} once per key within {@code scope}: the first time it runs and its response
     * is kept with the key; afterwards the kept response is returned without running it.
     */
    private StoredResponse once(String scope, String key, String canonicalRequest, Supplier<StoredResponse> request) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw Problems.of(400, "idempotency-key-required", "Idempotency-Key required",
                    "Send an Idempotency-Key header (1 to " + MAX_KEY_LENGTH + " characters), the same for every retry");
        }
        String hash = sha256(canonicalRequest);
        Optional<StoredResponse> earlier = claimOrFind(scope, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        StoredResponse response = request.get();
        entityManager.createNativeQuery("""
                update idempotency_key set response_status = ?1, response_body = ?2
                where scope = ?3 and idempotency_key = ?4""")
                .setParameter(1, response.status()).setParameter(2, response.body())
                .setParameter(3, scope).setParameter(4, key).executeUpdate();
        return response;
    }

    private Optional<StoredResponse> claimOrFind(String scope, String key, String hash) {
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (scope, idempotency_key, request_hash, response_status, response_body, created_at)
                values (?1, ?2, ?3, 0, '', ?4) on conflict (scope, idempotency_key) do nothing""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select request_hash, response_status, response_body from idempotency_key
                where scope = ?1 and idempotency_key = ?2""")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw Problems.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2]));
    }

    /** Forgets keys older than the retention (48 h by default, never less than 24 h). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpired() {
        Duration retention = config.idempotency().retention();
        int forgotten = entityManager.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, Timestamp.from(clock.instant().minus(retention))).executeUpdate();
        if (forgotten > 0) {
            LOG.infof("forgot %d idempotency keys older than %s", forgotten, retention);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
