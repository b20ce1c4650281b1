package nc.esim.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import nc.esim.client.billing.api.CatalogApi;
import nc.esim.client.billing.api.RenewalsApi;
import nc.esim.client.billing.api.SubscriptionsApi;
import nc.esim.client.billing.model.HttpProblem;
import nc.esim.client.billing.model.OrderKind;
import nc.esim.client.billing.model.OrderView;
import nc.esim.client.billing.model.PaymentMethod;
import nc.esim.client.billing.model.PlanView;
import nc.esim.client.billing.model.PriceQuote;
import nc.esim.client.billing.model.Receipt;
import nc.esim.client.billing.model.RenewalRequest;
import nc.esim.client.billing.model.SalesChannel;
import nc.esim.client.billing.model.SellPlanRequest;
import nc.esim.client.billing.model.SubscriptionStatus;
import nc.esim.client.billing.model.SubscriptionView;
import nc.esim.client.usage.api.UsageApi;
import nc.esim.client.usage.model.UsageRecordPage;
import nc.esim.client.usage.model.UsageRecordView;
import nc.esim.client.usage.model.UsageSummary;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.Topics;
import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.infra.auth.LocalAuth;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.platform.Platform;
import nc.esim.simulator.Subscribers;

/**
 * A partner shop's day, as an outside team integrates: through Java clients generated at build time from
 * the committed OpenAPI documents (module partner-clients) and nothing else of ours, against the packaged
 * services, the real broker and database. When a document drifts from what its service does, a call here
 * fails to bind or to parse.
 */
class PartnerShopClientIT {
    private static final int FIRST = 7_000;
    private static final String SHOP = LocalAuth.bearer("client-shop", Set.of("partner-shop"), "SHOP-CLIENTS");
    private static final int RECORDS = 5;

    @TempDir
    static Path workDir;
    static E2ePlatform e2e;
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        e2e = E2ePlatform.start("partners", workDir);
        platform = e2e.platform;
    }

    @AfterAll
    static void stopPlatform() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private static nc.esim.client.billing.ApiClient billing() {
        nc.esim.client.billing.ApiClient client = new nc.esim.client.billing.ApiClient();
        client.updateBaseUri(platform.service("billing-service").url(""));
        client.setRequestInterceptor(request -> request.header("Authorization", SHOP));
        return client;
    }

    private static nc.esim.client.usage.ApiClient usage() {
        nc.esim.client.usage.ApiClient client = new nc.esim.client.usage.ApiClient();
        client.updateBaseUri(platform.service("usage-service").url(""));
        client.setRequestInterceptor(request -> request.header("Authorization", SHOP));
        return client;
    }

    @Test
    void aPartnerShopsDayThroughTheGeneratedClientsOnly() throws Exception {
        int n = FIRST + 1;
        String iccid = Subscribers.iccid(n);

        // the catalogue, priced in euros for a tourist
        List<PlanView> plans = new CatalogApi(billing()).listPlans(List.of("EUR"), false);
        PlanView plan = plans.stream().filter(p -> "TRAVEL-3D-3GB".equals(p.getCode())).findFirst().orElseThrow();
        assertThat(plan.getCurrency()).isEqualTo("XPF");
        PriceQuote euros = plan.getPricesIn().get(0);
        assertThat(euros.getCurrency()).isEqualTo("EUR");
        assertThat(euros.getPaidAmountMinor()).isPositive();

        // the sale
        SubscriptionView sold = new SubscriptionsApi(billing()).sellPlan(new SellPlanRequest().iccid(iccid)
                .msisdn(Subscribers.msisdn(n)).planCode(plan.getCode()).email("client@example.com").language("en")
                .channel(SalesChannel.PARTNER_SHOP).paymentMethod(PaymentMethod.CASH));
        assertThat(sold.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(sold.getIccid()).isEqualTo(iccid);

        // a renewal whose answer the shop never gets (its timeout), retried with the same key
        String key = UUID.randomUUID().toString();
        RenewalRequest renewal = new RenewalRequest().channel(SalesChannel.PARTNER_SHOP).paymentMethod(PaymentMethod.CASH);
        nc.esim.client.billing.ApiClient timingOut = billing();
        AtomicBoolean answered = new AtomicBoolean();
        timingOut.setResponseInterceptor(response -> {
            answered.set(true); // billing has answered; the shop's side gives up before reading it
            throw new UncheckedIOException(new HttpTimeoutException("the shop's timeout"));
        });
        Throwable lost = org.assertj.core.api.Assertions.catchThrowable(
                () -> new RenewalsApi(timingOut).renewSubscription(iccid, key, renewal));
        assertThat(lost).isNotNull();
        assertThat(answered).isTrue();
        Receipt retried = new RenewalsApi(billing()).renewSubscription(iccid, key, renewal);
        Receipt again = new RenewalsApi(billing()).renewSubscription(iccid, key, renewal);
        assertThat(again.getOrderNumber()).isEqualTo(retried.getOrderNumber());
        List<OrderView> orders = new SubscriptionsApi(billing()).listOrders(iccid);
        assertThat(orders).extracting(OrderView::getKind).containsExactly(OrderKind.RENEWAL, OrderKind.SALE);
        assertThat(orders.get(0).getOrderNumber()).isEqualTo(retried.getOrderNumber());

        // the summary once usage-service has both periods, then the records of a few data sessions
        UsageApi usageApi = new UsageApi(usage());
        // usage-service learns of the sale from Kafka: until then the summary is 404 unknown-iccid
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(nc.esim.client.usage.ApiException.class)
                .untilAsserted(() -> assertThat(usageApi.getUsageSummary(iccid).getAllowances()).hasSize(2));
        try (EventPublisher carrier = new EventPublisher(platform.broker())) {
            for (int i = 0; i < RECORDS; i++) {
                CdrV1 cdr = new CdrV1(CdrV1.SCHEMA_VERSION, "pgw-clients", 91_000 + i, 1, iccid, Subscribers.msisdn(n),
                        UsageType.DATA, Instant.now().minusSeconds(60L * (RECORDS - i)), 0, 1_000_000L, 60, null, true);
                carrier.publishRaw(Topics.CDR, iccid, EventJson.write(cdr));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(usageApi.getUsageSummary(iccid).getTotals().getRecords()).isEqualTo(RECORDS));
        UsageSummary summary = usageApi.getUsageSummary(iccid);
        assertThat(summary.getTotals().getDataBytes()).isEqualTo(RECORDS * 1_000_000L);

        List<UsageRecordView> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            UsageRecordPage page = usageApi.listUsageRecords(iccid, cursor, null, 2, null, "DATA");
            paged.addAll(page.getRecords());
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).extracting(UsageRecordView::getChargingId).doesNotHaveDuplicates().hasSize(RECORDS);
        assertThat(paged).extracting(UsageRecordView::getStartTime).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        java.io.File export = usageApi.exportUsageRecords(iccid, null, null, null); // the client downloads to a file
        String csv = java.nio.file.Files.readString(export.toPath());
        java.nio.file.Files.delete(export.toPath());
        assertThat(csv.lines().count()).isEqualTo(RECORDS + 1); // a header line and one line a record

        // a problem, with its type, for an ICCID that is not one
        nc.esim.client.billing.ApiException refused = catchThrowableOfType(nc.esim.client.billing.ApiException.class,
                () -> new SubscriptionsApi(billing()).getSubscription("1234"));
        assertThat(refused.getCode()).isEqualTo(400);
        HttpProblem problem = new ObjectMapper().readValue(refused.getResponseBody(), HttpProblem.class);
        assertThat(problem.getType()).hasToString("urn:esim:problem:bad-request");
        assertThat(problem.getStatus()).isEqualTo(400);
        nc.esim.client.usage.ApiException unknown = catchThrowableOfType(nc.esim.client.usage.ApiException.class,
                () -> usageApi.getUsageSummary("1234"));
        assertThat(unknown.getCode()).isEqualTo(400);
        assertThat(unknown.getResponseBody()).contains("urn:esim:problem:invalid-iccid");
    }
}
