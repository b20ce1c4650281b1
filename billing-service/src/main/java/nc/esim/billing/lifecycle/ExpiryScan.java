package nc.esim.billing.lifecycle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.billing.BillingConfig;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderRows;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.support.outbox.OutboxWriter;

/**
 * Tells when subscriptions are about to end, end, and leave their grace period: EXPIRING_SOON at each
 * reminder offset (3 days and 1 day before by default), EXPIRED, GRACE_ENDED. Each notice is given once
 * per subscription and period: a {@code lifecycle_notice} row, unique per subscription, period end and
 * notice, is written in the transaction that writes the event to the outbox. A period renewed or
 * extended has a new end, hence its own notices. The same claim places one auto-renewal per period for
 * subscriptions with auto-renewal on, {@code billing.lifecycle.auto-renew-before} the end (P2D), so that
 * its payment can be confirmed before the period ends; if it is not, the order expires as
 * AUTO_RENEW_FAILED and the reminders and expiry follow as for any subscription.
 *
 * <p>Set-based: per batch, one statement locks the subscriptions due ({@code for update skip locked}:
 * one a renewal or another scanner holds is left to the next pass), one claims their notices
 * ({@code insert … on conflict do nothing returning}), sets their status and reads what their events
 * carry, and one JDBC batch writes the events to the outbox. Only the claims that went through give an
 * event, so two scanners at once, a restart in between, or a renewal racing the scan give each notice
 * once. An eSIM's events keep their order: a renewal waits for the scan's lock, and its event follows.
 * Batches go on after the last subscription of the previous one (its end of validity and id), so a scan
 * never reads again the rows it has passed. A notice's window is cut into {@code billing.lifecycle.scan-workers}
 * slices of time, scanned at once, each by a worker of its own: a subscription is in one slice only, and
 * the windows still go one after the other.
 */
@ApplicationScoped
public class ExpiryScan {
    private static final Logger LOG = Logger.getLogger(ExpiryScan.class);

    /** The subscriptions of a window without the notice, after a position, locked; a held one is skipped. */
    private static final String DUE = """
            select s.id, s.valid_until from subscription s
            where s.valid_until > ? and s.valid_until <= ? and s.status <> 'PENDING' and (? or s.auto_renew)
              and (s.valid_until, s.id) > (?, ?)
              and not exists (select 1 from lifecycle_notice n where n.subscription_id = s.id
                              and n.period_end = s.valid_until and n.notice = ?)
            order by s.valid_until, s.id
            limit ?
            for update of s skip locked""";

    /**
     * Claims the notice for the locked subscriptions, records the later ones as passed, sets the status
     * (a suspended line stays suspended), and returns what the events carry: the subscription and the
     * order of the period that ends (the latest sale or renewal ending then, else the latest order).
     */
    private static final String CLAIM = """
            with due (id, period_end) as (select * from unnest(?::uuid[], ?::timestamptz[])),
            claimed as (
                insert into lifecycle_notice (subscription_id, period_end, notice, emitted_at)
                select id, period_end, ?, ? from due
                on conflict do nothing
                returning subscription_id, period_end),
            passed as (
                insert into lifecycle_notice (subscription_id, period_end, notice, emitted_at)
                select c.subscription_id, c.period_end, later.notice, ? from claimed c cross join unnest(?::text[]) later (notice)
                on conflict do nothing),
            changed as (
                update subscription s set status = case when s.status = 'SUSPENDED' then s.status else ? end,
                       version = s.version + 1
                from claimed c where s.id = c.subscription_id
                returning s.id, s.iccid, s.msisdn, s.plan_code, s.language, s.email, s.sold_by_shop,
                          s.counter_party_consent, s.valid_until)
            select s.id, s.iccid, s.msisdn, s.plan_code, s.language, s.email, s.sold_by_shop, s.counter_party_consent, %s
            from changed s
            left join lateral (
                select * from customer_order o where o.subscription_id = s.id
                order by (o.period_end = s.valid_until and o.plan_code is not null) desc nulls last, o.created_at desc
                limit 1) o on true
            order by s.valid_until, s.id""".formatted(OrderRows.COLUMNS);

    private final DataSource dataSource;
    private final SubscriptionEvents events;
    private final Renewals renewals;
    private final Clock clock;
    private final BillingConfig config;

    private final Timer scanDuration;
    private final ExecutorService workers;

    public ExpiryScan(DataSource dataSource, SubscriptionEvents events, Renewals renewals, Clock clock, BillingConfig config,
                      MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.events = events;
        this.renewals = renewals;
        this.scanDuration = Timer.builder("esim.lifecycle.scan").description("one expiry scan over every subscription")
                .register(metrics);
        this.clock = clock;
        this.config = config;
        AtomicInteger named = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.lifecycle().scanWorkers(), task -> {
            Thread worker = new Thread(task, "expiry-scan-" + named.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Scheduled(every = "${billing.lifecycle.scan-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            // timed for operators (and bench/renewals): how long a scan over every subscription takes
            int given = scanDuration.recordCallable(this::scan);
            if (given > 0) {
                LOG.infof("expiry scan: %d lifecycle notices", given);
            }
        } catch (Exception e) {
            LOG.warnf("expiry scan failed, the next run takes over: %s", e.toString());
        }
    }

    /** Gives every notice due now, and places the auto-renewals due; returns how many. */
    public int scan() {
        Instant now = clock.instant();
        List<Duration> offsets = config.lifecycle().reminderOffsets().stream().sorted().toList();
        int given = 0;
        // auto-renewals first: one confirmed in time makes the reminders of the old end moot
        given += giveAll(new Window(LifecycleNotice.AUTO_RENEWAL, List.of(), now, now.plus(config.lifecycle().autoRenewBefore()),
                true), now);
        // nearest reminder first: a subscription already inside the 1-day window gets that one, and the
        // 3-day one is recorded as passed instead of arriving late
        for (int i = 0; i < offsets.size(); i++) {
            List<LifecycleNotice> later = offsets.subList(i + 1, offsets.size()).stream().map(LifecycleNotice::reminder).toList();
            given += giveAll(new Window(LifecycleNotice.reminder(offsets.get(i)), later, now, now.plus(offsets.get(i)), false),
                    now);
        }
        given += giveAll(new Window(LifecycleNotice.EXPIRED, List.of(), Instant.EPOCH, now, false), now);
        given += giveAll(new Window(LifecycleNotice.GRACE_ENDED, List.of(), Instant.EPOCH, now.minus(config.renewal().grace()),
                false), now);
        return given;
    }

    /**
     * A notice due to subscriptions whose validity ends in (after, upTo], and the later notices it makes
     * moot, recorded with it.
     *
     * @param autoRenewingOnly only subscriptions with auto-renewal on
     */
    private record Window(LifecycleNotice notice, List<LifecycleNotice> passed, Instant after, Instant upTo,
                          boolean autoRenewingOnly) {
    }

    /** Where a scan of one window stands: after this end of validity and subscription id. */
    private record Position(Instant validUntil, UUID id) {
        static final Position START = new Position(Instant.EPOCH, new UUID(0, 0));
    }

    /** The subscriptions one batch locked, in order, and where the next batch starts. */
    private record Locked(List<UUID> ids, List<Instant> periodEnds, Position next) {
    }

    /**
     * Gives the window's notice, its slices at once; auto-renewals, placed through the ORM one by one,
     * in one slice on the scanning thread.
     */
    private int giveAll(Window window, Instant now) {
        List<Window> slices = window.notice().kind() == LifecycleNotice.Kind.AUTO_RENEWAL ? List.of(window) : slices(window);
        if (slices.size() == 1) {
            return giveSlice(slices.get(0), now);
        }
        List<Future<Integer>> running = slices.stream().map(slice -> workers.submit(() -> giveSlice(slice, now))).toList();
        int given = 0;
        Throwable failed = null;
        for (Future<Integer> slice : running) {
            try {
                given += slice.get(); // every slice ends before the next window begins
            } catch (ExecutionException e) {
                failed = failed == null ? e.getCause() : failed; // an Error too: no cast that could throw
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("expiry scan interrupted", e);
            }
        }
        if (failed != null) {
            throw new IllegalStateException("a slice of the " + window.notice().key() + " window failed", failed);
        }
        return given;
    }

    /**
     * The window cut into equal spans of time from its first subscription on, one per worker; one slice
     * when it holds no subscription.
     */
    private List<Window> slices(Window window) {
        int count = config.lifecycle().scanWorkers();
        if (count == 1) {
            return List.of(window);
        }
        Instant first;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement earliest = connection.prepareStatement(
                     "select min(valid_until) from subscription where valid_until > ? and valid_until <= ?")) {
            earliest.setTimestamp(1, Timestamp.from(window.after()));
            earliest.setTimestamp(2, Timestamp.from(window.upTo()));
            try (ResultSet row = earliest.executeQuery()) {
                row.next();
                Timestamp at = row.getTimestamp(1);
                if (at == null) {
                    return List.of(window);
                }
                first = at.toInstant().minusNanos(1000); // the slice's lower bound is exclusive
            }
        } catch (SQLException e) {
            throw new IllegalStateException("expiry scan: the window's first subscription could not be read", e);
        }
        Duration span = Duration.between(first, window.upTo()).dividedBy(count);
        List<Window> slices = new ArrayList<>();
        Instant after = first;
        for (int i = 0; i < count; i++) {
            Instant upTo = i == count - 1 ? window.upTo() : after.plus(span);
            slices.add(new Window(window.notice(), window.passed(), after, upTo, window.autoRenewingOnly()));
            after = upTo;
        }
        return slices;
    }

    /** Gives the slice's notice, a batch per transaction, until a batch finds fewer than it could take. */
    private int giveSlice(Window window, Instant now) {
        int given = 0;
        Position position = Position.START;
        while (true) {
            Position from = position;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> giveBatch(window, from, now));
            given += batch.given();
            if (batch.seen() < config.lifecycle().batchSize()) {
                return given;
            }
            position = batch.next();
        }
    }

    private record Batch(int seen, int given, Position next) {
    }

    private Batch giveBatch(Window window, Position from, Instant now) throws SQLException {
        // within the JTA transaction the pool hands back the connection enlisted with it
        try (Connection connection = dataSource.getConnection()) {
            // planned for each batch's values and the tables as they are now: the driver's cached generic plan
            // was made while lifecycle_notice was empty, and joined it by scanning every notice for every
            // subscription (perf: tuplestore and uuid_eq; 1.8 s a batch, 350 notices/s at 90,000 notices)
            try (Statement set = connection.createStatement()) {
                set.execute("set local plan_cache_mode = force_custom_plan");
            }
            Locked locked = lockDue(connection, window, from);
            if (locked.ids().isEmpty()) {
                return new Batch(0, 0, from);
            }
            int given = window.notice().kind() == LifecycleNotice.Kind.AUTO_RENEWAL
                    ? placeAutoRenewals(connection, window, locked, now)
                    : giveNotices(connection, window, locked, now);
            return new Batch(locked.ids().size(), given, locked.next());
        }
    }

    private Locked lockDue(Connection connection, Window window, Position from) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        try (PreparedStatement due = connection.prepareStatement(DUE)) {
            due.setTimestamp(1, Timestamp.from(window.after()));
            due.setTimestamp(2, Timestamp.from(window.upTo()));
            due.setBoolean(3, !window.autoRenewingOnly());
            due.setTimestamp(4, Timestamp.from(from.validUntil()));
            due.setObject(5, from.id());
            due.setString(6, window.notice().key());
            due.setInt(7, config.lifecycle().batchSize());
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                    ends.add(rows.getTimestamp(2).toInstant());
                }
            }
        }
        Position next = ids.isEmpty() ? from : new Position(ends.get(ends.size() - 1), ids.get(ids.size() - 1));
        return new Locked(ids, ends, next);
    }

    /** Claims the notice for the locked subscriptions and writes one event for each claim that went through. */
    private int giveNotices(Connection connection, Window window, Locked locked, Instant now) throws SQLException {
        List<OutboxWriter.Event> batch = new ArrayList<>();
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setArray(1, connection.createArrayOf("uuid", locked.ids().toArray()));
            claim.setArray(2, connection.createArrayOf("timestamptz",
                    locked.periodEnds().stream().map(Timestamp::from).toArray()));
            claim.setString(3, window.notice().key());
            claim.setTimestamp(4, at);
            claim.setTimestamp(5, at);
            Array passed = connection.createArrayOf("text", window.passed().stream().map(LifecycleNotice::key).toArray());
            claim.setArray(6, passed);
            claim.setString(7, window.notice().kind().status.name());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    Subscription subscription = subscription(rows);
                    CustomerOrder period = OrderRows.read(rows, 9); // the period's order, null for none
                    batch.add(events.event(window.notice().kind().event, subscription, period,
                            period == null ? null : period.grantedAllowance(), now));
                }
            }
        }
        events.publishAll(batch);
        return batch.size();
    }

    /**
     * Claims the auto-renewal of each locked subscription and places it, unless one is already waiting
     * for its payment: a renewal goes through the ORM with its own rules, one subscription at a time
     * (auto-renewing subscriptions are few).
     */
    private int placeAutoRenewals(Connection connection, Window window, Locked locked, Instant now) throws SQLException {
        int placed = 0;
        try (PreparedStatement claim = connection.prepareStatement("""
                insert into lifecycle_notice (subscription_id, period_end, notice, emitted_at) values (?, ?, ?, ?)
                on conflict do nothing""")) {
            for (int i = 0; i < locked.ids().size(); i++) {
                claim.setObject(1, locked.ids().get(i));
                claim.setTimestamp(2, Timestamp.from(locked.periodEnds().get(i)));
                claim.setString(3, window.notice().key());
                claim.setTimestamp(4, Timestamp.from(now));
                if (claim.executeUpdate() == 1) {
                    Subscription subscription = Subscription.findById(locked.ids().get(i), LockModeType.PESSIMISTIC_WRITE);
                    boolean waiting = CustomerOrder.count("subscriptionId = ?1 and channel = ?2 and status = ?3",
                            subscription.id, Renewals.AUTO_RENEWAL_CHANNEL, OrderStatus.AWAITING_PAYMENT) > 0;
                    if (!waiting) {
                        renewals.placeAutoRenewal(subscription, false, now);
                    }
                    placed++;
                }
            }
        }
        return placed;
    }

    /** The subscription as the event tells it; never persisted. */
    private static Subscription subscription(ResultSet rows) throws SQLException {
        return Subscription.asTold(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getBoolean(8));
    }
}
