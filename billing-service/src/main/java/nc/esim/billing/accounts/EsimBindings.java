package nc.esim.billing.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import nc.esim.billing.BillingConfig;
import nc.esim.billing.outbox.Outbox;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.BindingCodeV1;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.support.problems.Problems;

/**
 * Binding eSIMs to customer accounts by proof of possession: a six-digit code sent by SMS to the line,
 * single-use, valid {@code billing.bindings.code-validity}, kept only as a keyed hash, locked after
 * {@code max-tries} wrong codes; at most {@code codes-per-account-per-hour} codes per account and
 * {@code codes-per-msisdn-per-hour} per number, whoever asks. A number without a subscription is answered
 * like any other (nothing is sent, no code matches), so asking tells nobody which numbers are ours.
 * Every change goes out on {@code esim.customer-binding.v1} through the outbox, in its transaction.
 *
 * <p>A wrong code must count even though the call fails, so each step runs in a transaction of its own
 * and its outcome is turned into an answer after the commit.
 */
@ApplicationScoped
public class EsimBindings {
    private static final Duration WINDOW = Duration.ofHours(1);
    private final EntityManager entityManager;
    private final Clock clock;
    private final OneTimeCodes codes;
    private final BindingCodeSender sender;
    private final Outbox outbox;
    private final BillingConfig config;

    public EsimBindings(EntityManager entityManager, Clock clock, OneTimeCodes codes, BindingCodeSender sender,
                        Outbox outbox, BillingConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.codes = codes;
        this.sender = sender;
        this.outbox = outbox;
        this.config = config;
    }

    /** A code on its way to the line, or nowhere when the number has no subscription. */
    private record Issued(UUID challenge, Instant expiresAt, String iccid, String language, String msisdn, String code) {
    }

    /** Sends a code to the line of {@code request.msisdn()} for binding its eSIM to {@code account}. */
    public ChallengeView request(String account, BindingRequest request) {
        Issued issued = QuarkusTransaction.requiringNew().call(() -> issue(account, request));
        if (issued.iccid() != null) {
            Instant now = clock.instant();
            boolean sent = sender.send(new BindingCodeV1(BindingCodeV1.SCHEMA_VERSION, issued.challenge().toString(),
                    issued.iccid(), issued.msisdn(), issued.language(), issued.code(), issued.expiresAt(), now));
            if (!sent) {
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update binding_challenge set state = 'VOID' where id = ?1").setParameter(1, issued.challenge())
                        .executeUpdate());
                throw Problems.of(503, "code-not-sent", "Code not sent",
                        "The code could not be handed to the SMS service; ask for another in a moment");
            }
        }
        return new ChallengeView(issued.challenge(), issued.expiresAt(), config.bindings().maxTries());
    }

    private Issued issue(String account, BindingRequest request) {
        Instant now = clock.instant();
        ensureAccount(account, now);
        // the limits are counted under locks, so that racing requests cannot both pass the last free place
        lock("binding-account:" + account);
        lock("binding-msisdn:" + request.msisdn());
        refuseOverLimit("account = ?1", account, config.bindings().codesPerAccountPerHour(), now,
                "This account may ask for " + config.bindings().codesPerAccountPerHour() + " codes an hour");
        refuseOverLimit("msisdn = ?1", request.msisdn(), config.bindings().codesPerMsisdnPerHour(), now,
                "A number receives at most " + config.bindings().codesPerMsisdnPerHour() + " codes an hour");
        @SuppressWarnings("unchecked")
        List<Object[]> subscription = entityManager.createNativeQuery(
                        "select iccid, language from subscription where msisdn = ?1")
                .setParameter(1, request.msisdn()).getResultList();
        String iccid = subscription.isEmpty() ? null : (String) subscription.get(0)[0];
        if (iccid != null && boundTo(iccid).filter(account::equals).isPresent()) {
            throw Problems.of(409, "already-bound", "Already bound", "This line's eSIM is already on your account");
        }
        UUID challenge = UUID.randomUUID();
        // for a number without a subscription a random code is hashed and never sent: no code will match
        String code = codes.newCode();
        Instant expiresAt = now.plus(config.bindings().codeValidity());
        entityManager.createNativeQuery("""
                        insert into binding_challenge (id, account, msisdn, iccid, eid, nickname, code_hash, created_at,
                                                       expires_at, state)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'OPEN')""")
                .setParameter(1, challenge).setParameter(2, account).setParameter(3, request.msisdn())
                .setParameter(4, iccid).setParameter(5, request.eid()).setParameter(6, request.nickname())
                .setParameter(7, codes.hash(challenge, code)).setParameter(8, now).setParameter(9, expiresAt)
                .executeUpdate();
        return new Issued(challenge, expiresAt, iccid, iccid == null ? null : (String) subscription.get(0)[1],
                request.msisdn(), iccid == null ? null : code);
    }

    private void lock(String name) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, name).getSingleResult();
    }

    private void refuseOverLimit(String where, String value, int limit, Instant now, String detail) {
        @SuppressWarnings("unchecked")
        List<java.sql.Timestamp> recent = entityManager.createNativeQuery("select created_at from binding_challenge where "
                        + where + " and created_at > ?2 order by created_at desc")
                .setParameter(1, value).setParameter(2, now.minus(WINDOW)).setMaxResults(limit).getResultList()
                .stream().map(EsimBindings::timestamp).toList();
        if (recent.size() >= limit) {
            // the oldest of the last `limit` codes leaves the window first
            Instant freeAt = recent.get(limit - 1).toInstant().plus(WINDOW);
            long seconds = Math.max(1, Duration.between(now, freeAt).toSeconds() + 1);
            throw HttpProblem.builder().withType(java.net.URI.create("urn:esim:problem:too-many-codes"))
                    .withStatus(429).withTitle("Too many codes").withDetail(detail + "; ask again in " + seconds + " s")
                    .withHeader("Retry-After", seconds).build();
        }
    }

    private static java.sql.Timestamp timestamp(Object value) {
        return value instanceof java.sql.Timestamp t ? t : java.sql.Timestamp.from(
                value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value);
    }

    /** What a confirmation came to. */
    private sealed interface Outcome {
        record Bound(BindingView binding) implements Outcome {
        }

        record Wrong(int triesLeft) implements Outcome {
        }

        record Refused(int status, String code, String title, String detail) implements Outcome {
        }
    }

    /** Binds the eSIM when {@code confirmation} holds the code sent for it. */
    public BindingView confirm(String account, BindingConfirmation confirmation) {
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> check(account, confirmation));
        if (outcome instanceof Outcome.Bound bound) {
            return bound.binding();
        }
        if (outcome instanceof Outcome.Wrong wrong) {
            throw HttpProblem.builder().withType(java.net.URI.create("urn:esim:problem:wrong-code")).withStatus(422)
                    .withTitle("Wrong code").withDetail("This is not the code sent; " + wrong.triesLeft()
                            + (wrong.triesLeft() == 1 ? " try" : " tries") + " left")
                    .with("triesLeft", wrong.triesLeft()).build();
        }
        Outcome.Refused refused = (Outcome.Refused) outcome;
        throw Problems.of(refused.status(), refused.code(), refused.title(), refused.detail());
    }

    private Outcome check(String account, BindingConfirmation confirmation) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select account, msisdn, iccid, eid, nickname, code_hash, expires_at, failed_tries, state
                        from binding_challenge where id = ?1 for update""")
                .setParameter(1, confirmation.challengeId()).getResultList();
        // another account's challenge is as unknown as one that never was
        if (rows.isEmpty() || !account.equals(rows.get(0)[0])) {
            return new Outcome.Refused(404, "challenge-not-found", "Challenge not found",
                    "No code was asked for with this challenge id on your account");
        }
        Object[] row = rows.get(0);
        String state = (String) row[8];
        switch (state) {
            case "CONFIRMED" -> {
                return new Outcome.Refused(409, "challenge-used", "Challenge used",
                        "This code was used already; a code binds once");
            }
            case "LOCKED" -> {
                return new Outcome.Refused(409, "challenge-locked", "Challenge locked",
                        "Too many wrong codes; ask for a new one");
            }
            case "VOID" -> {
                return new Outcome.Refused(409, "challenge-void", "Challenge void",
                        "This code was never sent; ask for a new one");
            }
            default -> {
            }
        }
        if (!now.isBefore(timestamp(row[6]).toInstant())) {
            return new Outcome.Refused(410, "code-expired", "Code expired",
                    "A code is valid " + config.bindings().codeValidity().toMinutes() + " minutes; ask for a new one");
        }
        String iccid = (String) row[2];
        if (iccid == null || !codes.matches(confirmation.challengeId(), confirmation.code(), (byte[]) row[5])) {
            int tries = ((Number) row[7]).intValue() + 1;
            boolean locked = tries >= config.bindings().maxTries();
            entityManager.createNativeQuery("update binding_challenge set failed_tries = ?2, state = ?3 where id = ?1")
                    .setParameter(1, confirmation.challengeId()).setParameter(2, tries)
                    .setParameter(3, locked ? "LOCKED" : "OPEN").executeUpdate();
            return locked ? new Outcome.Refused(409, "challenge-locked", "Challenge locked",
                    "Too many wrong codes; ask for a new one") : new Outcome.Wrong(config.bindings().maxTries() - tries);
        }
        entityManager.createNativeQuery("update binding_challenge set state = 'CONFIRMED' where id = ?1")
                .setParameter(1, confirmation.challengeId()).executeUpdate();
        return new Outcome.Bound(bind(account, iccid, (String) row[1], (String) row[3], (String) row[4], now));
    }

    /** Binds {@code iccid} to {@code account}; a previous holder's binding ends (the line's holder proved it). */
    private BindingView bind(String account, String iccid, String msisdn, String eid, String nickname, Instant now) {
        Optional<String> previous = boundTo(iccid);
        if (previous.isPresent() && !previous.get().equals(account)) {
            publish(CustomerBindingV1.Type.UNBOUND, previous.get(), iccid, nextRevision(), now);
        }
        long revision = nextRevision();
        entityManager.createNativeQuery("""
                        insert into esim_binding (iccid, account, msisdn, eid, nickname, bound_at, revision)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (iccid) do update set account = excluded.account, msisdn = excluded.msisdn,
                            eid = excluded.eid, nickname = excluded.nickname, bound_at = excluded.bound_at,
                            revision = excluded.revision""")
                .setParameter(1, iccid).setParameter(2, account).setParameter(3, msisdn).setParameter(4, eid)
                .setParameter(5, nickname).setParameter(6, now).setParameter(7, revision).executeUpdate();
        publish(CustomerBindingV1.Type.BOUND, account, iccid, revision, now);
        return new BindingView(iccid, msisdn, eid, nickname, now);
    }

    /** Ends the binding of {@code iccid} to {@code account}; false when it is not bound to it. */
    @Transactional
    public boolean unbind(String account, String iccid) {
        Instant now = clock.instant();
        int deleted = entityManager.createNativeQuery("delete from esim_binding where iccid = ?1 and account = ?2")
                .setParameter(1, iccid).setParameter(2, account).executeUpdate();
        if (deleted == 0) {
            return false;
        }
        publish(CustomerBindingV1.Type.UNBOUND, account, iccid, nextRevision(), now);
        return true;
    }

    /** The account {@code iccid} is bound to, locking its binding for this transaction. */
    @SuppressWarnings("unchecked")
    private Optional<String> boundTo(String iccid) {
        return entityManager.createNativeQuery("select account from esim_binding where iccid = ?1 for update")
                .setParameter(1, iccid).getResultList().stream().findFirst().map(String.class::cast);
    }

    /** Whether {@code iccid} is bound to {@code account} (no lock: a read for the customer scope). */
    public boolean isBound(String account, String iccid) {
        return !entityManager.createNativeQuery("select 1 from esim_binding where iccid = ?1 and account = ?2")
                .setParameter(1, iccid).setParameter(2, account).getResultList().isEmpty();
    }

    private long nextRevision() {
        return ((Number) entityManager.createNativeQuery("select nextval('esim_binding_revision')").getSingleResult()).longValue();
    }

    private void ensureAccount(String account, Instant now) {
        entityManager.createNativeQuery("insert into customer_account (account, created_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, account).setParameter(2, now).executeUpdate();
    }

    private void publish(CustomerBindingV1.Type type, String account, String iccid, long revision, Instant now) {
        outbox.append(Topics.CUSTOMER_BINDING, EventMetadata.newEvent(type.cloudEventType(), config.eventSource(), iccid, now),
                new CustomerBindingV1(CustomerBindingV1.SCHEMA_VERSION, type, account, iccid, revision, now));
    }
}
