package nc.esim.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import nc.esim.infra.postgres.LocalPostgres;

/**
 * The yardstick of {@code bench/renewals}: a bare JDBC client that makes, with the same concurrency and
 * on the same database, the durable writes a renewal must make, in one transaction each: the
 * Idempotency-Key claimed under its unique index and its answer stored, the subscription locked and
 * given its new period, the order, the outbox event, and the audit entry. No HTTP, no JSON, no ORM, no
 * reads beyond the lock: what the database alone allows. Its events are written as published, so that
 * billing-service's relay, idle meanwhile, never sends them.
 */
final class RenewalYardstick {
    /** A receipt and an event of the size billing-service writes (about 700 and 900 bytes). */
    private static final String RECEIPT = "{\"orderNumber\":\"%s\"," + "\"x\":\"" + "r".repeat(640) + "\"}";
    private static final byte[] EVENT = ("{\"schemaVersion\":1," + "\"x\":\"" + "e".repeat(860) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    private RenewalYardstick() {
    }

    /** Figures of one run: renewals per second and every transaction's latency. */
    record Result(double perSecond, long[] latencies) {
        double p50Millis() {
            return latencies[latencies.length / 2] / 1e6;
        }

        double p99Millis() {
            return latencies[latencies.length * 99 / 100] / 1e6;
        }
    }

    /** {@code count} renewals of random subscriptions among {@code iccids} by {@code clients} connections. */
    static Result run(LocalPostgres postgres, String database, List<String> iccids, int count, int clients) throws Exception {
        List<UUID> ids = subscriptionIds(postgres, database, iccids);
        AtomicInteger left = new AtomicInteger(count);
        long[] latencies = new long[count];
        AtomicInteger slot = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (Connection connection = postgres.connect(database)) {
                    connection.setAutoCommit(false);
                    Statements statements = new Statements(connection);
                    while (left.getAndDecrement() > 0) {
                        long began = System.nanoTime();
                        statements.renew(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                        connection.commit();
                        latencies[slot.getAndIncrement()] = System.nanoTime() - began;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(count / (elapsed / 1e9), latencies);
    }

    private static List<UUID> subscriptionIds(LocalPostgres postgres, String database, List<String> iccids) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = postgres.connect(database);
             PreparedStatement select = connection.prepareStatement("select id from subscription where iccid = any(?)")) {
            select.setArray(1, connection.createArrayOf("text", iccids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** One client's prepared statements. */
    private static final class Statements {
        private final PreparedStatement claimKey;
        private final PreparedStatement storeAnswer;
        private final PreparedStatement newPeriod;
        private final PreparedStatement order;
        private final PreparedStatement event;
        private final PreparedStatement audit;

        Statements(Connection connection) throws Exception {
            claimKey = connection.prepareStatement("""
                    insert into idempotency_key (scope, idempotency_key, request_hash, response_status, response_body, created_at)
                    values ('renewal:yardstick', ?, ?, 0, '', ?)""");
            storeAnswer = connection.prepareStatement("""
                    update idempotency_key set response_status = 201, response_body = ?
                    where scope = 'renewal:yardstick' and idempotency_key = ?""");
            newPeriod = connection.prepareStatement("""
                    update subscription set valid_until = valid_until + interval '3 days', status = 'ACTIVE',
                      early_renewals_in_a_row = early_renewals_in_a_row + 1, version = version + 1
                    where id = ? returning valid_until""");
            order = connection.prepareStatement("""
                    insert into customer_order (order_number, subscription_id, kind, plan_code, data_bytes, voice_seconds,
                      sms_count, days, amount_minor, discount_minor, bonus_data_bytes, currency, fee_minor, paid_currency,
                      paid_amount_minor, channel, payment_method, created_at, status, confirmed_at, period_start, period_end)
                    values ('Y-' || nextval('order_number_seq'), ?, 'RENEWAL', 'TRAVEL-3D-3GB', 3221225472, 0, 0, 3, 1500, 0, 0,
                      'XPF', 0, 'XPF', 1500, 'PARTNER_SHOP', 'CARD', ?, 'CONFIRMED', ?, ?, ?) returning order_number""");
            event = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload, published_at)
                    values (?, 'esim.subscription.v1', ?, 'nc.esim.subscription.renewed.v1', 'billing-service', ?, ?, now())""");
            audit = connection.prepareStatement("""
                    insert into audit_entry (at, caller, roles, shop_id, method, path, status, remote_address, idempotency_key)
                    values (?, 'bench-shop', '{partner-shop}', 'SHOP-BENCH', 'POST', ?, 201, '127.0.0.1', ?)""");
        }

        void renew(UUID subscription) throws Exception {
            Timestamp now = Timestamp.from(Instant.now());
            String key = UUID.randomUUID().toString();
            claimKey.setString(1, key);
            claimKey.setString(2, key);
            claimKey.setTimestamp(3, now);
            claimKey.executeUpdate();
            newPeriod.setObject(1, subscription);
            Timestamp end;
            try (ResultSet row = newPeriod.executeQuery()) {
                row.next();
                end = row.getTimestamp(1);
            }
            order.setObject(1, subscription);
            order.setTimestamp(2, now);
            order.setTimestamp(3, now);
            order.setTimestamp(4, Timestamp.from(end.toInstant().minusSeconds(3 * 86_400)));
            order.setTimestamp(5, end);
            String orderNumber;
            try (ResultSet row = order.executeQuery()) {
                row.next();
                orderNumber = row.getString(1);
            }
            event.setString(1, UUID.randomUUID().toString());
            event.setString(2, subscription.toString());
            event.setTimestamp(3, now);
            event.setBytes(4, EVENT);
            event.executeUpdate();
            audit.setTimestamp(1, now);
            audit.setString(2, "/api/v1/subscriptions/" + subscription + "/renewals");
            audit.setString(3, key);
            audit.executeUpdate();
            storeAnswer.setString(1, RECEIPT.formatted(orderNumber));
            storeAnswer.setString(2, key);
            storeAnswer.executeUpdate();
        }
    }
}
