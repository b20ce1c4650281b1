package nc.esim.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import nc.esim.contracts.Topics;
import nc.esim.contracts.notification.NotificationEventV1;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.contracts.usage.UsageDailyV1;
import nc.esim.contracts.usage.UsageRecordedV1;

/**
 * The access policy has three copies: the code (the local broker), docs/asyncapi.yaml (what a newcomer
 * reads) and docker/kafka/acls.tsv (docker-compose's broker). This keeps them equal.
 */
class KafkaAccessPolicyTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void dockerComposeAppliesExactlyThePlatformsAcls() throws IOException {
        Path table = ROOT.resolve("docker/kafka/acls.tsv");
        String expected = KafkaAccessPolicy.table();
        if (!Files.exists(table) || !Files.readString(table).equals(expected)) {
            Path generated = Path.of("target", "acls.tsv");
            Files.writeString(generated, expected);
            assertThat(Files.exists(table) ? Files.readString(table) : "")
                    .as("docker/kafka/acls.tsv differs from KafkaAccessPolicy; the expected file is in local-infra/"
                            + generated + " (copy it over after checking the change)")
                    .isEqualTo(expected);
        }
    }

    @Test
    void theAsyncApiDocumentNamesEveryTopicsWritersAndReaders() throws IOException {
        JsonNode channels = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/asyncapi.yaml").toFile())
                .get("channels");
        List<String> documented = new ArrayList<>();
        channels.forEach(channel -> {
            String topic = channel.get("address").asText();
            documented.add(topic);
            JsonNode access = channel.get("x-access");
            assertThat(access).as("x-access of " + topic).isNotNull();
            assertThat(names(access.get("writers"))).as("writers of " + topic)
                    .containsExactlyInAnyOrderElementsOf(users(KafkaAccessPolicy.writersOf(topic)));
            assertThat(names(access.get("readers"))).as("readers of " + topic)
                    .containsExactlyInAnyOrderElementsOf(users(KafkaAccessPolicy.readersOf(topic)));
        });
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void analystsReadOnlyTopicsWithoutPersonalData() {
        for (String topic : Topics.ALL) {
            boolean analytics = KafkaAccessPolicy.ANALYTICS_TOPICS.contains(topic);
            assertThat(KafkaAccessPolicy.readersOf(topic).contains(KafkaPrincipal.ANALYST)).as(topic).isEqualTo(analytics);
        }
        assertThat(KafkaAccessPolicy.ANALYTICS_TOPICS).doesNotContain(Topics.SUBSCRIPTION, Topics.CDR,
                Topics.CDR_REJECTED, Topics.SUBSCRIPTION_REJECTED, Topics.USAGE_ALERTS_REJECTED, Topics.USAGE_DAILY_REJECTED,
                Topics.CUSTOMER_BINDING, Topics.BINDING_CODE, Topics.USAGE_BALANCE, Topics.CUSTOMER_BINDING_REJECTED,
                Topics.BINDING_CODE_REJECTED, Topics.USAGE_BALANCE_REJECTED);
        // what the analytics topics carry: the eSIM's ICCID, never a number, an address or a name
        for (Class<? extends Record> payload : List.of(UsageRecordedV1.class, UsageAlertV1.class, UsageDailyV1.class,
                NotificationEventV1.class)) {
            assertThat(Arrays.stream(payload.getRecordComponents()).map(RecordComponent::getName))
                    .as(payload.getSimpleName())
                    .noneMatch(field -> field.toLowerCase().matches(".*(msisdn|email|counterparty|address|name|phone).*"));
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static List<String> users(List<KafkaPrincipal> principals) {
        return principals.stream().map(KafkaPrincipal::user).toList();
    }
}
