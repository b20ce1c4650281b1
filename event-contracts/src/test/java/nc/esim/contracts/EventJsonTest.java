package nc.esim.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import nc.esim.contracts.cdr.CdrV1;
import nc.esim.contracts.cdr.UsageType;
import nc.esim.contracts.subscription.SubscriptionEventType;

class EventJsonTest {

    private static final CdrV1 CDR = new CdrV1(1, "PGW-NOU-01", 42L, 2, "8968701000000000017", "+687771234",
            UsageType.DATA, Instant.parse("2026-11-21T12:59:00Z"), 1000, 5000, 60, null, false);

    @Test
    void cdrSurvivesARoundTripWithInstantsAsIsoStrings() throws IOException {
        byte[] json = EventJson.write(CDR);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"startTime\":\"2026-11-21T12:59:00Z\"");
        assertThat(EventJson.read(json, CdrV1.class)).isEqualTo(CDR);
    }

    @Test
    void consumersTolerateFieldsAddedByANewerProducer() throws IOException {
        String json = new String(EventJson.write(CDR), StandardCharsets.UTF_8)
                .replace("{", "{\"roamingPartner\":\"NZLNZ\",");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), CdrV1.class)).isEqualTo(CDR);
    }

    @Test
    void unreadableBytesAreAnIoExceptionNotARuntimeCrash() {
        assertThatThrownBy(() -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), CdrV1.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void cloudEventsMetadataRoundTripsThroughKafkaHeaders() {
        EventMetadata metadata = EventMetadata.newEvent(SubscriptionEventType.TOPPED_UP.cloudEventType(),
                "/billing-service", "8968701000000000017", Instant.parse("2026-11-22T00:00:00Z"));
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(metadata, headers);

        assertThat(CloudEventHeaders.read(headers)).contains(metadata);
        assertThat(metadata.type()).isEqualTo("nc.esim.subscription.topped-up.v1");
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
    }

    @Test
    void theHeadersOfAnEventOfABurstAreThoseItsOwnMetadataWouldWrite() {
        Instant ratedAt = Instant.parse("2026-11-22T03:04:05.678Z");
        CloudEventHeaders.Shared shared = CloudEventHeaders.shared("nc.esim.usage.recorded.v1", "/usage-service", ratedAt);
        for (String subject : new String[] {"8968701000000000017", null}) {
            RecordHeaders burst = new RecordHeaders();
            CloudEventHeaders.write(shared, "PGW-NOU-01/42/1/1763780645000000/r1", subject, burst);
            RecordHeaders single = new RecordHeaders();
            CloudEventHeaders.write(new EventMetadata("PGW-NOU-01/42/1/1763780645000000/r1", "nc.esim.usage.recorded.v1",
                    "/usage-service", subject, ratedAt), single);

            assertThat(burst.toArray()).hasSameSizeAs(single.toArray());
            for (int i = 0; i < single.toArray().length; i++) {
                assertThat(burst.toArray()[i].key()).isEqualTo(single.toArray()[i].key());
                assertThat(burst.toArray()[i].value()).isEqualTo(single.toArray()[i].value());
            }
        }
    }

    @Test
    void metadataWithAMissingAttributeIsEmpty() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(CloudEventHeaders.read(headers)).isEmpty();
    }
}
