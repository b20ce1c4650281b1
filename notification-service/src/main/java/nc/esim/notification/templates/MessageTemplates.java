package nc.esim.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import nc.esim.contracts.Zones;
import nc.esim.notification.email.EmailConfig;
import nc.esim.notification.events.MessageParameters;

/**
 * Renders customer messages from their template key, language and parameters with Qute: the texts per
 * language come from {@code messages/<lang>.properties} (French when the language or a text is
 * missing); an email gets the layout of {@code templates/email.html} (values HTML-escaped) and
 * {@code email.txt}, an SMS the body alone. Dates are shown in Pacific/Noumea time in the customer's
 * language.
 */
@ApplicationScoped
public class MessageTemplates {
    public static final String DEFAULT_LANGUAGE = "fr";
    private static final List<String> LANGUAGES = List.of("fr", "en", "zh");

    private final Engine engine = Engine.builder().addDefaults().addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    private final Map<String, Properties> texts = new HashMap<>();
    private final Template html;
    private final Template text;
    private final EmailConfig config;

    public MessageTemplates(EmailConfig config) {
        this.config = config;
        for (String language : LANGUAGES) {
            texts.put(language, load("messages/" + language + ".properties"));
        }
        html = engine.parse(resource("templates/email.html"), new Variant(Locale.ROOT, Variant.TEXT_HTML, "UTF-8"));
        text = engine.parse(resource("templates/email.txt"), new Variant(Locale.ROOT, Variant.TEXT_PLAIN, "UTF-8"));
    }

    /** Whether there is a text for this template (a message type the service knows). */
    public boolean knows(String template) {
        return texts.get(DEFAULT_LANGUAGE).containsKey(template + ".subject");
    }

    public EmailContent render(String template, String language, MessageParameters parameters) {
        String lang = LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        Map<String, Object> values = values(lang, parameters);
        String subject = engine.parse(text(lang, template + ".subject")).render(values);
        String body = engine.parse(text(lang, template + ".body")).render(values);
        Map<String, Object> layout = Map.of("lang", lang, "subject", subject, "body", body,
                "greeting", text(lang, "greeting"), "signature", text(lang, "signature"), "account", text(lang, "account"),
                "accountUrl", config.accountUrl());
        return new EmailContent(subject, text.render(layout), html.render(layout));
    }

    /** The text of an SMS: the message's body, nothing around it (every part costs money). */
    public String sms(String template, String language, MessageParameters parameters) {
        String lang = LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        return engine.parse(text(lang, template + ".body")).render(values(lang, parameters));
    }

    private static Map<String, Object> values(String lang, MessageParameters parameters) {
        Map<String, Object> values = new HashMap<>();
        values.put("plan", parameters.planCode() == null ? "" : parameters.planCode());
        values.put("order", parameters.orderNumber() == null ? "" : parameters.orderNumber());
        values.put("validUntil", parameters.validUntil() == null ? "" : localDateTime(parameters.validUntil(), lang));
        values.put("data", parameters.dataBytes() == null ? "" : gigabytes(parameters.dataBytes()));
        values.put("level", parameters.levelPercent() == null ? "" : parameters.levelPercent().toString());
        values.put("used", parameters.used() == null ? "" : quantity(parameters.quota(), parameters.used()));
        values.put("limit", parameters.limit() == null ? "" : quantity(parameters.quota(), parameters.limit()));
        values.put("amount", parameters.charge() == null || parameters.currency() == null ? ""
                : amount(parameters.charge(), parameters.currency(), lang));
        return values;
    }

    private String text(String language, String key) {
        String value = texts.get(language).getProperty(key);
        if (value == null) {
            value = texts.get(DEFAULT_LANGUAGE).getProperty(key);
        }
        if (value == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return value;
    }

    static String localDateTime(Instant instant, String language) {
        Locale locale = switch (language) {
            case "en" -> Locale.UK;
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            default -> Locale.FRANCE;
        };
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .withZone(Zones.NOUMEA).format(instant.minusSeconds(1)); // an end is exclusive: show its last minute
    }

    /**
     * An amount as the customer reads it: XPF has no decimals ("2 500 XPF" in French, "2,500 XPF" otherwise);
     * plain spaces group thousands, since a no-break space has no GSM 7-bit code and would make the SMS UCS-2.
     */
    static String amount(long minor, String currency, String language) {
        int decimals = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator("fr".equals(language) ? ' ' : ',');
        symbols.setDecimalSeparator("fr".equals(language) ? ',' : '.');
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        return format.format(BigDecimal.valueOf(minor, decimals)) + " " + currency;
    }

    /** A usage alert's quantity: data in GB, voice in minutes (rounded up), SMS as a count. */
    static String quantity(String quota, long amount) {
        return switch (quota == null ? "" : quota) {
            case "DATA" -> gigabytes(amount);
            case "VOICE" -> ((amount + 59) / 60) + " min";
            default -> String.valueOf(amount);
        };
    }

    /** Quotas in GB as shops sell them (1 GB = 2^30 bytes), without a useless ".0". */
    static String gigabytes(long bytes) {
        double gb = bytes / (double) (1L << 30);
        return (gb == Math.rint(gb) ? String.valueOf((long) gb) : String.format(Locale.ROOT, "%.1f", gb)) + " GB";
    }

    private static Properties load(String path) {
        Properties properties = new Properties();
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String path) {
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
