package nc.esim.usage.customers;

import static nc.esim.usage.records.UsageTestSupport.awaitCdrs;
import static nc.esim.usage.records.UsageTestSupport.awaitSubscriptions;
import static nc.esim.usage.records.UsageTestSupport.data;
import static nc.esim.usage.records.UsageTestSupport.grant;
import static nc.esim.usage.records.UsageTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.customer.CustomerBindingV1;
import nc.esim.contracts.usage.UsageBalanceV1;
import nc.esim.infra.kafka.EventPublisher;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.simulator.Subscribers;

/**
 * The balances of customers' eSIMs on esim.usage.balance.v1: one when the binding arrives, one more when
 * usage changes what is left, none for a reading equal to the last one sent, none for an eSIM nobody bound.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class BalancePublisherTest {
    private static final EventPublisher events = RealInfrastructure.events();
    private static final long GIB = 1L << 30;

    private static void bind(int esim) {
        String iccid = Subscribers.iccid(esim);
        events.publish(Topics.CUSTOMER_BINDING, EventMetadata.newEvent(CustomerBindingV1.Type.BOUND.cloudEventType(),
                "/billing-service", iccid, Instant.now()),
                new CustomerBindingV1(1, CustomerBindingV1.Type.BOUND, "balance-customer-" + esim, iccid, 1, Instant.now()));
    }

    private static List<UsageBalanceV1> balances(int esim, int expected, Duration wait) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(RealInfrastructure.broker().asAdmin(),
                Topics.USAGE_BALANCE, r -> Subscribers.iccid(esim).equals(r.key()), expected, wait);
        List<UsageBalanceV1> balances = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                balances.add(EventJson.read(record.value(), UsageBalanceV1.class));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return balances;
    }

    @Test
    void aBoundEsimsBalanceGoesOutWhenBoundAndAgainOnlyWhenUsageChangesIt() {
        int esim = 880;
        Instant from = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant until = from.plus(Duration.ofDays(30));
        grant(events, esim, "ALW-BAL-880", GIB, from, until);
        awaitSubscriptions();
        bind(esim);

        List<UsageBalanceV1> first = balances(esim, 1, Duration.ofSeconds(30));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).dataLeftBytes()).isEqualTo(GIB);
        assertThat(first.get(0).dataLimitBytes()).isEqualTo(GIB);
        assertThat(first.get(0).voiceLeftSeconds()).isEqualTo(6_000);
        assertThat(first.get(0).smsLeft()).isEqualTo(100);
        assertThat(first.get(0).validUntil()).isEqualTo(until);

        publish(events, data(esim, 88_001, 1, Instant.now().minus(Duration.ofMinutes(5)), 100_000_000L));
        awaitCdrs();
        List<UsageBalanceV1> after = balances(esim, 2, Duration.ofSeconds(30));
        assertThat(after).hasSize(2);
        assertThat(after.get(1).dataLeftBytes()).isEqualTo(GIB - 100_000_000L);

        // several passes later (1 s apart in tests), nothing changed: nothing more was sent
        assertThat(balances(esim, 3, Duration.ofSeconds(5))).hasSize(2);
    }

    @Test
    void anAllowanceThatEndsMakesANewBalanceWithNothingLeft() {
        int esim = 882;
        Instant from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant soon = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        grant(events, esim, "ALW-BAL-882", GIB, from, soon);
        awaitSubscriptions();
        bind(esim);
        List<UsageBalanceV1> balances = balances(esim, 2, Duration.ofSeconds(30));
        assertThat(balances).hasSize(2);
        assertThat(balances.get(0).dataLeftBytes()).isEqualTo(GIB);
        assertThat(balances.get(1).dataLeftBytes()).isZero();
        assertThat(balances.get(1).validUntil()).isNull();
        assertThat(balances.get(1).asOf()).isAfterOrEqualTo(soon);
    }

    @Test
    void anEsimNobodyBoundHasNoBalanceOnTheStream() {
        int esim = 881;
        Instant from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        grant(events, esim, "ALW-BAL-881", GIB, from, from.plus(Duration.ofDays(7)));
        awaitSubscriptions();
        publish(events, data(esim, 88_101, 1, Instant.now().minus(Duration.ofMinutes(5)), 1_000_000L));
        awaitCdrs();
        assertThat(balances(esim, 1, Duration.ofSeconds(4))).isEmpty();
    }
}
