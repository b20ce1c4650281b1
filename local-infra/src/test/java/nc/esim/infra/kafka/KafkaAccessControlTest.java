package nc.esim.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nc.esim.contracts.Topics;

/** The local broker refuses what production's would: no login, a wrong login, and whatever the ACLs do not grant. */
class KafkaAccessControlTest {
    private static final LocalKafkaBroker BROKER = LocalKafkaBroker.shared();

    @BeforeAll
    static void topics() {
        BROKER.createTopics(Topics.ALL, 1);
    }

    @Test
    void aClientWithoutCredentialsGetsNothingFromTheBroker() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin anonymous = Admin.create(config)) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        Map<String, Object> producer = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000));
        try (KafkaProducer<String, String> anonymous = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> anonymous.send(new ProducerRecord<>(Topics.SUBSCRIPTION, "k", "forged")).get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aServiceNameWithAWrongPasswordFailsToAuthenticate() {
        Map<String, Object> config = new HashMap<>(BROKER.as(KafkaPrincipal.BILLING));
        config.put("sasl.jaas.config", KafkaCredentials.scramJaas(KafkaPrincipal.BILLING.user(), "guessed"));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> impostor = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> impostor.send(new ProducerRecord<>(Topics.SUBSCRIPTION, "k", "forged")).get(15, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void eachTopicIsWrittenOnlyByItsWritersAndTheRestAreRefused() {
        List<String> wrong = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (KafkaPrincipal principal : KafkaPrincipal.values()) {
                if (principal == KafkaPrincipal.ADMIN) {
                    continue;
                }
                boolean allowed = KafkaAccessPolicy.writersOf(topic).contains(principal);
                boolean wrote = tryWrite(principal, topic);
                if (allowed != wrote) {
                    wrong.add(principal + (wrote ? " wrote " : " could not write ") + topic);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(KafkaAccessPolicy.writersOf(Topics.SUBSCRIPTION)).containsExactly(KafkaPrincipal.BILLING);
        assertThat(KafkaAccessPolicy.writersOf(Topics.CDR)).containsExactly(KafkaPrincipal.MEDIATION);
        assertThat(KafkaAccessPolicy.writersOf(Topics.USAGE_ALERTS)).containsExactly(KafkaPrincipal.USAGE);
        assertThat(KafkaAccessPolicy.writersOf(Topics.USAGE_RECORDED)).containsExactly(KafkaPrincipal.USAGE);
    }

    @Test
    void anAnalystReadsTheAnalyticsTopicsButNeverTheContactDataOrTheRejectedRecords() {
        assertThat(tryRead(KafkaPrincipal.ANALYST, Topics.USAGE_RECORDED, "analytics.dashboards")).isTrue();
        assertThat(tryRead(KafkaPrincipal.ANALYST, Topics.NOTIFICATION, "analytics.dashboards")).isTrue();
        assertThat(tryRead(KafkaPrincipal.ANALYST, Topics.USAGE_DAILY, "analytics.dashboards")).isTrue();
        for (String personal : List.of(Topics.SUBSCRIPTION, Topics.CDR, Topics.CDR_REJECTED, Topics.SUBSCRIPTION_REJECTED,
                Topics.USAGE_ALERTS_REJECTED, Topics.USAGE_DAILY_REJECTED, Topics.CUSTOMER_BINDING, Topics.BINDING_CODE,
                Topics.USAGE_BALANCE)) {
            assertThatThrownBy(() -> tryRead(KafkaPrincipal.ANALYST, personal, "analytics.dashboards"))
                    .as(personal).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void onlyTheOperatorsConsoleReadsTheRejectedTopics() {
        assertThat(tryRead(KafkaPrincipal.CONSOLE, Topics.CDR_REJECTED, null)).isTrue();
        assertThat(KafkaAccessPolicy.readersOf(Topics.CDR_REJECTED)).containsExactly(KafkaPrincipal.CONSOLE);
        assertThatThrownBy(() -> tryRead(KafkaPrincipal.USAGE, Topics.CDR_REJECTED, "usage-service.peek"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theOneTimeCodesAreReadByNotificationServiceAloneNotEvenByTheOperatorsConsole() {
        assertThat(tryRead(KafkaPrincipal.NOTIFICATION, Topics.BINDING_CODE, "notification-service.it-" + UUID.randomUUID()))
                .isTrue();
        for (KafkaPrincipal other : List.of(KafkaPrincipal.CONSOLE, KafkaPrincipal.USAGE, KafkaPrincipal.BILLING,
                KafkaPrincipal.ANALYST)) {
            assertThatThrownBy(() -> tryRead(other, Topics.BINDING_CODE, null)).as(other.user())
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceCannotJoinAnotherServicesConsumerGroup() {
        assertThat(tryRead(KafkaPrincipal.NOTIFICATION, Topics.SUBSCRIPTION, "notification-service.it-" + UUID.randomUUID()))
                .isTrue();
        assertThatThrownBy(() -> tryRead(KafkaPrincipal.NOTIFICATION, Topics.SUBSCRIPTION, "usage-service.subscriptions"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    /** True when the broker acknowledged the record, false when it refused it for want of rights. */
    private static boolean tryWrite(KafkaPrincipal principal, String topic) {
        Map<String, Object> config = new HashMap<>(BROKER.as(principal));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "8968700000000000000", "{\"probe\":true}".getBytes(StandardCharsets.UTF_8)))
                    .get(15, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            // refused for want of rights: on the topic, or earlier, the idempotent producer id of a principal
            // that may write no topic at all (thrown by send itself or through its future, as timing has it)
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
                    return false;
                }
            }
            throw new AssertionError(principal + " on " + topic, e);
        }
    }

    /** Polls {@code topic} once as {@code principal} (in {@code group}, or assigned without one); refusals throw. */
    private static boolean tryRead(KafkaPrincipal principal, String topic, String group) {
        Properties config = new Properties();
        config.putAll(BROKER.as(principal));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
            }
            consumer.poll(Duration.ofSeconds(3));
            return true;
        }
    }
}
