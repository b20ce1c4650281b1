package nc.esim.notification.templates;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import nc.esim.contracts.Zones;
import nc.esim.notification.email.EmailConfig;
import nc.esim.notification.events.MessageParameters;

/**
 * Renders customer messages from their template key, language and parameters: the texts are the type-safe
 * message bundle {@link MessageTexts} in French, English or Simplified Chinese (French when the language is
 * another); an email gets the type-safe layouts {@code templates/email/html.html} (values HTML-escaped) and
 * {@code text.txt}, an SMS the body alone. Dates are shown in Pacific/Noumea time in the customer's language.
 */
@ApplicationScoped
public class MessageTemplates {
    public static final String DEFAULT_LANGUAGE = "fr";
    private static final List<String> LANGUAGES = List.of("fr", "en", "zh");
    /** The message types there are texts for. */
    public static final Set<String> TEMPLATES = Set.of(
            "subscription-activated", "subscription-renewed", "subscription-topped-up", "subscription-extended",
            "subscription-expiring-soon", "subscription-expired", "subscription-grace-ended",
            "subscription-suspended", "subscription-auto-renew-failed", "subscription-payment-expired",
            "usage-data-80", "usage-data-100", "usage-data-80-more-left", "usage-data-100-more-left",
            "usage-data-exhausted", "usage-voice-80", "usage-voice-100", "usage-sms-80",
            "usage-sms-100", "binding-code");

    /** The email layouts, checked at build time against these parameters. */
    @CheckedTemplate(basePath = "email")
    static class Layout {
        static native TemplateInstance html(String lang, String subject, String body, String greeting, String signature,
                                            String account, String accountUrl);

        static native TemplateInstance text(String lang, String subject, String body, String greeting, String signature,
                                            String account, String accountUrl);
    }

    /** A message's subject and body in one language. */
    private record Texts(String subject, String body) {
    }

    /** The parameters as the texts show them, formatted for one language. */
    private record Values(String plan, String order, String validUntil, String data, String level, String used,
                          String limit, String amount, String left, String code, String minutes) {
    }

    private final Map<String, MessageTexts> bundles;
    private final EmailConfig config;

    public MessageTemplates(EmailConfig config) {
        this.config = config;
        this.bundles = Map.of("fr", MessageBundles.get(MessageTexts.class),
                "en", MessageBundles.get(MessageTexts.class, Localized.Literal.of("en")),
                "zh", MessageBundles.get(MessageTexts.class, Localized.Literal.of("zh")));
    }

    /** Whether there is a text for this template (a message type the service knows). */
    public boolean knows(String template) {
        return TEMPLATES.contains(template);
    }

    public EmailContent render(String template, String language, MessageParameters parameters) {
        String lang = LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        MessageTexts bundle = bundles.get(lang);
        Texts texts = known(bundle, template, values(lang, parameters));
        return new EmailContent(texts.subject(),
                Layout.text(lang, texts.subject(), texts.body(), bundle.greeting(), bundle.signature(), bundle.account(),
                        config.accountUrl()).render(),
                Layout.html(lang, texts.subject(), texts.body(), bundle.greeting(), bundle.signature(), bundle.account(),
                        config.accountUrl()).render());
    }

    /** The text of an SMS: the message's body, nothing around it (every part costs money). */
    public String sms(String template, String language, MessageParameters parameters) {
        String lang = LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        return known(bundles.get(lang), template, values(lang, parameters)).body();
    }

    private static Texts known(MessageTexts texts, String template, Values v) {
        Texts found = texts(texts, template, v);
        if (found == null) {
            throw new IllegalArgumentException("no text for " + template);
        }
        return found;
    }

    private static Texts texts(MessageTexts texts, String template, Values v) {
        return switch (template) {
            case "subscription-activated" -> new Texts(texts.subscriptionActivatedSubject(v.plan()),
                    texts.subscriptionActivatedBody(v.plan(), v.validUntil()));
            case "subscription-renewed" -> new Texts(texts.subscriptionRenewedSubject(v.plan()),
                    texts.subscriptionRenewedBody(v.plan(), v.validUntil(), v.amount(), v.order()));
            case "subscription-topped-up" -> new Texts(texts.subscriptionToppedUpSubject(),
                    texts.subscriptionToppedUpBody(v.validUntil(), v.data(), v.amount()));
            case "subscription-extended" -> new Texts(texts.subscriptionExtendedSubject(),
                    texts.subscriptionExtendedBody(v.plan(), v.validUntil(), v.amount()));
            case "subscription-expiring-soon" -> new Texts(texts.subscriptionExpiringSoonSubject(v.plan()),
                    texts.subscriptionExpiringSoonBody(v.plan(), v.validUntil()));
            case "subscription-expired" -> new Texts(texts.subscriptionExpiredSubject(v.plan()),
                    texts.subscriptionExpiredBody(v.plan(), v.validUntil()));
            case "subscription-grace-ended" -> new Texts(texts.subscriptionGraceEndedSubject(),
                    texts.subscriptionGraceEndedBody(v.plan()));
            case "subscription-suspended" -> new Texts(texts.subscriptionSuspendedSubject(),
                    texts.subscriptionSuspendedBody(v.plan()));
            case "subscription-auto-renew-failed" -> new Texts(texts.subscriptionAutoRenewFailedSubject(),
                    texts.subscriptionAutoRenewFailedBody(v.plan(), v.order()));
            case "subscription-payment-expired" -> new Texts(texts.subscriptionPaymentExpiredSubject(),
                    texts.subscriptionPaymentExpiredBody(v.order()));
            case "usage-data-80" -> new Texts(texts.usageData80Subject(),
                    texts.usageData80Body(v.level(), v.used(), v.limit()));
            case "usage-data-100" -> new Texts(texts.usageData100Subject(), texts.usageData100Body(v.limit()));
            case "usage-data-80-more-left" -> new Texts(texts.usageData80MoreLeftSubject(),
                    texts.usageData80MoreLeftBody(v.level(), v.used(), v.limit(), v.left()));
            case "usage-data-100-more-left" -> new Texts(texts.usageData100MoreLeftSubject(),
                    texts.usageData100MoreLeftBody(v.limit(), v.left()));
            case "usage-data-exhausted" -> new Texts(texts.usageDataExhaustedSubject(), texts.usageDataExhaustedBody());
            case "usage-voice-80" -> new Texts(texts.usageVoice80Subject(),
                    texts.usageVoice80Body(v.level(), v.used(), v.limit()));
            case "usage-voice-100" -> new Texts(texts.usageVoice100Subject(), texts.usageVoice100Body(v.limit()));
            case "usage-sms-80" -> new Texts(texts.usageSms80Subject(),
                    texts.usageSms80Body(v.level(), v.used(), v.limit()));
            case "usage-sms-100" -> new Texts(texts.usageSms100Subject(), texts.usageSms100Body(v.limit()));
            case "binding-code" -> new Texts(texts.bindingCodeSubject(), texts.bindingCodeBody(v.code(), v.minutes()));
            default -> null;
        };
    }

    private static Values values(String lang, MessageParameters parameters) {
        return new Values(parameters.planCode() == null ? "" : parameters.planCode(),
                parameters.orderNumber() == null ? "" : parameters.orderNumber(),
                parameters.validUntil() == null ? "" : localDateTime(parameters.validUntil(), lang),
                parameters.dataBytes() == null ? "" : gigabytes(parameters.dataBytes()),
                parameters.levelPercent() == null ? "" : parameters.levelPercent().toString(),
                parameters.used() == null ? "" : quantity(parameters.quota(), parameters.used()),
                parameters.limit() == null ? "" : quantity(parameters.quota(), parameters.limit()),
                parameters.charge() == null || parameters.currency() == null ? ""
                        : amount(parameters.charge(), parameters.currency(), lang),
                parameters.dataLeft() == null ? "" : gigabytes(parameters.dataLeft()),
                parameters.code() == null ? "" : parameters.code(),
                parameters.minutes() == null ? "" : parameters.minutes().toString());
    }

    static String localDateTime(Instant instant, String language) {
        Locale locale = switch (language) {
            case "en" -> Locale.UK;
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            default -> Locale.FRANCE;
        };
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .format(Zones.lastValidMinute(instant)); // an end is exclusive: its last minute, as the APIs show it
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
}
