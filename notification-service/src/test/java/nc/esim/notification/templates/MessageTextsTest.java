package nc.esim.notification.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.qute.i18n.Message;

/**
 * Every text has its translation: Qute checks the parameters of each text at build time, and falls back to
 * French for a text a language lacks; this test makes a missing (or stray) translation fail the build instead.
 */
class MessageTextsTest {

    private static Set<String> keys(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageTextsTest.class.getClassLoader()
                .getResourceAsStream("messages/msg_" + language + ".properties")) {
            assertThat(in).as("messages/msg_%s.properties", language).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        properties.forEach((key, text) -> assertThat((String) text).as("%s %s", language, key).isNotBlank());
        return properties.stringPropertyNames();
    }

    @Test
    void everyTextHasItsFrenchDefaultAndATranslationInEnglishAndChineseAndNoTranslationIsStray() throws IOException {
        Set<String> texts = Arrays.stream(MessageTexts.class.getDeclaredMethods())
                .peek(method -> assertThat(method.getAnnotation(Message.class).value()).as(method.getName()).isNotBlank())
                .map(Method::getName).collect(Collectors.toSet());
        assertThat(texts).hasSizeGreaterThan(30);
        assertThat(keys("en")).isEqualTo(texts);
        assertThat(keys("zh")).isEqualTo(texts);
    }
}
