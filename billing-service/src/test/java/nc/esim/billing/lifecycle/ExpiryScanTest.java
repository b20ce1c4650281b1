package nc.esim.billing.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Identifiers;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.billing.support.BillingApi;
import nc.esim.infra.quarkus.RealInfrastructure;

/**
 * The expiry scan, run on demand (its schedule is off in tests) against subscriptions whose end is
 * moved in the database, on the real database and broker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class ExpiryScanTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Inject
    ExpiryScan scan;

    @Inject
    EntityManager entityManager;

    private static String soldEsim() {
        int n = NEXT.incrementAndGet();
        String iccid = Identifiers.withLuhnDigit("8968705" + String.format("%011d", n));
        given().contentType(ContentType.JSON).body("""
                {"iccid":"%s","msisdn":"+687%06d","planCode":"LOCAL-30D-50GB","email":"c@example.nc","language":"fr"}"""
                .formatted(iccid, 800_000 + n)).post("/api/v1/subscriptions").then().statusCode(201);
        return iccid;
    }

    /** Moves the end of the subscription (and of the period that ends with it) to now + {@code fromNow}. */
    private void endIn(String iccid, String fromNow) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    update customer_order o set period_end = now() + cast(?2 as interval)
                    from subscription s where s.id = o.subscription_id and s.iccid = ?1 and o.period_end = s.valid_until""")
                    .setParameter(1, iccid).setParameter(2, fromNow).executeUpdate();
            entityManager.createNativeQuery("update subscription set valid_until = now() + cast(?2 as interval) where iccid = ?1")
                    .setParameter(1, iccid).setParameter(2, fromNow).executeUpdate();
        });
    }

    private static List<SubscriptionEventType> lifecycle(String iccid, int expected) throws IOException {
        List<SubscriptionEventType> types = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.SUBSCRIPTION, r -> iccid.equals(r.key()), expected, Duration.ofSeconds(10))) {
            SubscriptionEventType type = EventJson.read(record.value(), SubscriptionEventV1.class).type();
            if (type != SubscriptionEventType.ACTIVATED) {
                types.add(type);
            }
        }
        return types;
    }

    private static String status(String iccid) {
        return given().get("/api/v1/subscriptions/" + iccid).then().statusCode(200).extract().path("status");
    }

    @Test
    void eachReminderGoesOutOncePerPeriodAtItsOffset() throws IOException {
        String iccid = soldEsim();
        endIn(iccid, "2 days 12 hours");
        scan.scan();
        scan.scan();
        assertThat(lifecycle(iccid, 3)).containsExactly(SubscriptionEventType.EXPIRING_SOON);
        assertThat(status(iccid)).isEqualTo("EXPIRING_SOON");

        endIn(iccid, "20 hours");
        scan.scan();
        scan.scan();
        assertThat(lifecycle(iccid, 4)).containsExactly(SubscriptionEventType.EXPIRING_SOON, SubscriptionEventType.EXPIRING_SOON);
    }

    @Test
    void aSubscriptionAlreadyInsideTheLastDayGetsOnlyTheLastReminder() throws IOException {
        String iccid = soldEsim();
        endIn(iccid, "5 hours");
        scan.scan();
        scan.scan(); // the 3-day reminder was recorded as passed: it never arrives late
        assertThat(lifecycle(iccid, 3)).containsExactly(SubscriptionEventType.EXPIRING_SOON);
    }

    @Test
    void expiryAndTheEndOfGraceAreToldOnceAndTheSubscriptionIsExpired() throws IOException {
        String iccid = soldEsim();
        endIn(iccid, "-1 hour");
        scan.scan();
        scan.scan();
        assertThat(lifecycle(iccid, 2)).containsExactly(SubscriptionEventType.EXPIRED);
        assertThat(status(iccid)).isEqualTo("EXPIRED");

        String lapsed = soldEsim();
        endIn(lapsed, "-8 days");
        scan.scan();
        scan.scan();
        assertThat(lifecycle(lapsed, 3)).containsExactly(SubscriptionEventType.EXPIRED, SubscriptionEventType.GRACE_ENDED);
    }

    @Test
    void twoScannersRunningAtOnceGiveEachNoticeOnce() throws Exception {
        List<String> iccids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String iccid = soldEsim();
            endIn(iccid, "-2 hours");
            iccids.add(iccid);
        }
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(instances.submit(scan::scan), instances.submit(scan::scan));
            int given = runs.get(0).get() + runs.get(1).get();
            assertThat(given).isGreaterThanOrEqualTo(10);
        } finally {
            instances.shutdownNow();
        }
        for (String iccid : iccids) {
            assertThat(lifecycle(iccid, 2)).as(iccid).containsExactly(SubscriptionEventType.EXPIRED);
        }
    }

    @Test
    void aRenewedPeriodGetsItsOwnReminders() throws IOException {
        String iccid = soldEsim();
        endIn(iccid, "20 hours");
        scan.scan();
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}").post("/api/v1/subscriptions/" + iccid + "/renewals")
                .then().statusCode(201);
        scan.scan(); // the new period ends in 30 days: nothing due
        endIn(iccid, "20 hours");
        scan.scan();
        assertThat(lifecycle(iccid, 4)).containsExactly(SubscriptionEventType.EXPIRING_SOON, SubscriptionEventType.RENEWED,
                SubscriptionEventType.EXPIRING_SOON);
        assertThat(status(iccid)).isEqualTo("EXPIRING_SOON");
    }

    @Test
    void aWindowScannedInSlicesAtOnceGivesEverySubscriptionAcrossItItsOneReminder() {
        // ends spread over the whole 3-day window, so that each of its slices (billing.lifecycle.scan-workers,
        // 2, at once) holds some, and some lie next to where one slice ends and the next begins
        List<String> iccids = new ArrayList<>();
        List<Integer> hours = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String iccid = soldEsim();
            endIn(iccid, (1 + 6 * i) + " hours");
            iccids.add(iccid);
            hours.add(1 + 6 * i);
        }
        scan.scan();
        scan.scan();
        for (int i = 0; i < iccids.size(); i++) {
            String iccid = iccids.get(i);
            assertThat(BillingApi.events(entityManager, iccid)).as(iccid).containsExactly("activated", "expiring-soon");
            // inside the last day: the 1-day reminder, with the 3-day one recorded as passed
            assertThat(notices(iccid)).as(iccid).isEqualTo(hours.get(i) <= 24 ? 2 : 1);
            assertThat(status(iccid)).as(iccid).isEqualTo("EXPIRING_SOON");
        }
    }

    private long notices(String iccid) {
        return BillingApi.number(entityManager, """
                select count(*) from lifecycle_notice n join subscription s on s.id = n.subscription_id where s.iccid = ?1""", iccid);
    }

    @Test
    void aSubscriptionARenewalHoldsIsSkippedAndGivenItsNoticeOnTheNextPass() throws Exception {
        String held = soldEsim();
        String free = soldEsim();
        endIn(held, "-1 hour");
        endIn(free, "-1 hour");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService renewal = Executors.newSingleThreadExecutor();
        try {
            // what a renewal does first: lock the subscription's row, here for as long as the test says
            Future<?> holding = renewal.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("select id from subscription where iccid = ?1 for update")
                        .setParameter(1, held).getResultList();
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            scan.scan(); // does not wait for the lock: it leaves the held subscription to the next pass
            assertThat(notices(held)).isZero();
            assertThat(BillingApi.events(entityManager, held)).containsExactly("activated");
            assertThat(BillingApi.events(entityManager, free)).containsExactly("activated", "expired");
            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            renewal.shutdownNow();
        }
        scan.scan();
        assertThat(BillingApi.events(entityManager, held)).containsExactly("activated", "expired");
        assertThat(status(held)).isEqualTo("EXPIRED");
    }

    @Test
    void renewalsRacingTheScanNeitherLoseTheRenewalNorGiveANoticeTwiceOrAfterIt() throws Exception {
        List<String> iccids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String iccid = soldEsim();
            endIn(iccid, "20 hours");
            iccids.add(iccid);
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(clients.submit(scan::scan));
            for (String iccid : iccids) {
                running.add(clients.submit(() -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body("{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}")
                        .post("/api/v1/subscriptions/" + iccid + "/renewals").then().statusCode(201)));
            }
            running.add(clients.submit(scan::scan));
            for (Future<?> run : running) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        scan.scan();
        for (String iccid : iccids) {
            List<String> events = BillingApi.events(entityManager, iccid);
            // the reminder of the old end came before the renewal or not at all; the new end is 30 days off
            assertThat(events).as(iccid).isIn(List.of("activated", "expiring-soon", "renewed"), List.of("activated", "renewed"));
            assertThat(notices(iccid)).as(iccid).isEqualTo(events.contains("expiring-soon") ? 2 : 0);
            assertThat(status(iccid)).as(iccid).isEqualTo("ACTIVE"); // the scan never wrote over the renewal
        }
    }

    @Test
    void aScanThatDiesInABatchGivesNothingOfItAndTheNextScanGivesEachNoticeOnce() {
        String first = soldEsim();
        String second = soldEsim();
        endIn(first, "-1 hour");
        endIn(second, "-1 hour");
        // the outbox refuses the batch's expiry events: the batch's transaction dies before it commits, as
        // in a crash of the service between its claims and its commit
        BillingApi.sql(entityManager, """
                create function refuse_expiry_events() returns trigger language plpgsql as $$
                begin raise exception 'the service died here'; end $$""");
        BillingApi.sql(entityManager, """
                create trigger refuse_expiry_events before insert on outbox_event for each row
                when (new.event_type = 'nc.esim.subscription.expired.v1') execute function refuse_expiry_events()""");
        try {
            assertThatThrownBy(scan::scan).hasStackTraceContaining("the service died here");
            assertThat(notices(first)).isZero();
            assertThat(notices(second)).isZero();
            assertThat(status(first)).isNotEqualTo("EXPIRED");
        } finally {
            BillingApi.sql(entityManager, "drop trigger refuse_expiry_events on outbox_event");
            BillingApi.sql(entityManager, "drop function refuse_expiry_events()");
        }
        scan.scan();
        scan.scan();
        for (String iccid : List.of(first, second)) {
            assertThat(BillingApi.events(entityManager, iccid)).as(iccid).containsExactly("activated", "expired");
            assertThat(notices(iccid)).as(iccid).isEqualTo(1);
            assertThat(status(iccid)).as(iccid).isEqualTo("EXPIRED");
        }
    }
}
