package nc.esim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** docs/asyncapi.yaml is a copy of the contracts; this keeps the copy and the code in agreement. */
class AsyncApiDocumentTest {
    private static final JsonNode DOCUMENT = load();

    private static JsonNode load() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyTopicOfTheCodeIsAChannelOfTheDocumentAndNoOther() {
        List<String> addresses = new ArrayList<>();
        DOCUMENT.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cdr.CdrV1", "subscription.AllowanceV1", "subscription.SubscriptionEventV1",
            "usage.UsageRecordedV1", "usage.UsageAlertV1", "usage.UsageDailyV1", "notification.NotificationEventV1",
            "customer.CustomerBindingV1", "customer.BindingCodeV1", "usage.UsageBalanceV1"})
    void theDocumentedPayloadHasExactlyTheFieldsOfTheRecord(String className) throws ClassNotFoundException {
        Class<?> type = Class.forName("nc.esim.contracts." + className);
        List<String> documented = new ArrayList<>();
        DOCUMENT.at("/components/schemas/" + type.getSimpleName() + "/properties").fieldNames()
                .forEachRemaining(documented::add);
        assertThat(documented).as(type.getSimpleName())
                .containsExactlyElementsOf(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }
}
