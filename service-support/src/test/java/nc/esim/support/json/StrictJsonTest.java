package nc.esim.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The strict reading of bodies, on a mapper configured as the services' is. */
class StrictJsonTest {
    record Window(Instant validFrom, LocalDate day) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void aTimeIsReadOnlyFromAnIso8601String() throws Exception {
        Window window = mapper.readValue("{\"validFrom\":\"2026-12-01T00:00:00Z\",\"day\":\"2026-12-01\"}", Window.class);
        assertThat(window.validFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(window.day()).isEqualTo(LocalDate.parse("2026-12-01"));
    }

    @Test
    void aNumberOrABooleanIsNeverATimeNamingTheField() {
        for (String body : new String[] {"{\"validFrom\":123}", "{\"validFrom\":1.5}", "{\"validFrom\":true}",
                "{\"day\":20261201}"}) {
            assertThatThrownBy(() -> mapper.readValue(body, Window.class)).as(body)
                    .isInstanceOf(MismatchedInputException.class)
                    .satisfies(e -> assertThat(((MismatchedInputException) e).getPath()).isNotEmpty());
        }
    }

    @Test
    void trailingTokensAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"day\":\"2026-12-01\"}xyz{", Window.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"day\":\"2026-12-01\"} {}", Window.class))
                .hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> mapper.readValue("{\"day\":\"2026-12-01\",\"day\":\"2026-12-02\"}", Window.class))
                .hasMessageContaining("Duplicate field");
    }
}
