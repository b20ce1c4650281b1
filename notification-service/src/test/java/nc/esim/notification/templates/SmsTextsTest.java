package nc.esim.notification.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import nc.esim.infra.quarkus.RealInfrastructure;
import nc.esim.notification.email.GreenMailSmtp;
import nc.esim.notification.events.MessageParameters;
import nc.esim.notification.sms.SmsEncoding;

/**
 * What every SMS costs: the encoding and the number of parts of every template in every language, with the
 * values of a real renewal (plan code, order number, date, amount). French and English stay GSM 7-bit; a
 * change of wording that makes a text UCS-2 or longer by a part shows here.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(GreenMailSmtp.class)
class SmsTextsTest {
    private static final Instant UNTIL = Instant.parse("2026-11-29T13:00:00Z");
    private static final MessageParameters RENEWAL = new MessageParameters("TRAVEL-30D-20GB", "ORD-20261122-000007",
            UNTIL, 3L << 30, null, null, null, null, 12_500L, "XPF");

    @Inject
    MessageTemplates templates;

    private static MessageParameters parametersOf(String template) {
        if (template.equals("binding-code")) {
            return MessageParameters.ofCode("482913", 10);
        }
        if (!template.startsWith("usage-")) {
            return RENEWAL;
        }
        String quota = template.split("-")[1].toUpperCase();
        String levelPart = template.split("-")[2];
        int level = levelPart.equals("exhausted") ? 100 : Integer.parseInt(levelPart);
        long unit = switch (quota) {
            case "DATA" -> 1L << 30;
            case "VOICE" -> 60;
            default -> 1;
        };
        return new MessageParameters(null, null, null, null, quota, level, 8 * unit, 10 * unit, null, null,
                template.endsWith("-more-left") ? 15 * unit / 10 : null);
    }

    /** "GSM-7/1" or "UCS-2/3": the encoding and the parts of each template's SMS in one language. */
    private Map<String, String> costs(String language) {
        Map<String, String> costs = new LinkedHashMap<>();
        for (String template : MessageTemplates.TEMPLATES.stream().sorted().toList()) {
            SmsEncoding encoding = SmsEncoding.of(templates.sms(template, language, parametersOf(template)));
            costs.put(template, (encoding.dataCoding() == SmsEncoding.GSM_7 ? "GSM-7/" : "UCS-2/") + encoding.parts().size());
        }
        return costs;
    }

    @Test
    void everyTemplateHasItsEncodingAndPartCountInEveryLanguage() {
        assertThat(costs("fr")).isEqualTo(EXPECTED_FR);
        assertThat(costs("en")).isEqualTo(EXPECTED_EN);
        assertThat(costs("zh")).isEqualTo(EXPECTED_ZH);
    }

    @Test
    void theFrenchRenewalGoesAsGsm7WithItsCedillaAsTheCapitalTheAlphabetHas() {
        String text = templates.sms("subscription-renewed", "fr", RENEWAL);
        assertThat(text).contains("reçu");
        SmsEncoding encoding = SmsEncoding.of(text);
        assertThat(encoding.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(encoding.parts()).hasSize(2);
        assertThat(String.join("", encoding.parts().stream()
                .map(part -> SmsEncoding.decode(encoding.dataCoding(), part)).toList())).contains("reÇu");
    }

    /** Every template at {@code cost}, except those given after it as template and cost pairs. */
    private static Map<String, String> every(String cost, String... exceptions) {
        Map<String, String> costs = new LinkedHashMap<>();
        MessageTemplates.TEMPLATES.forEach(template -> costs.put(template, cost));
        for (int i = 0; i < exceptions.length; i += 2) {
            costs.put(exceptions[i], exceptions[i + 1]);
        }
        return costs;
    }

    private static final Map<String, String> EXPECTED_FR = every("GSM-7/1",
            "subscription-renewed", "GSM-7/2", "subscription-auto-renew-failed", "GSM-7/2");
    private static final Map<String, String> EXPECTED_EN = every("GSM-7/1");
    private static final Map<String, String> EXPECTED_ZH = every("UCS-2/1", "subscription-renewed", "UCS-2/2");
}
