package nc.esim.infra.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The local broker's passwords, one random password per {@link KafkaPrincipal}, kept in an owner-only
 * {@code credentials.properties} in the broker's work directory so that a restarted broker (same
 * directory) keeps them.
 */
final class KafkaCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<KafkaPrincipal, String> passwords;

    private KafkaCredentials(Map<KafkaPrincipal, String> passwords) {
        this.passwords = passwords;
    }

    static KafkaCredentials in(Path workDir) {
        Path file = workDir.resolve("credentials.properties");
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            Map<KafkaPrincipal, String> passwords = new EnumMap<>(KafkaPrincipal.class);
            boolean changed = false;
            for (KafkaPrincipal principal : KafkaPrincipal.values()) {
                String password = stored.getProperty(principal.user());
                if (password == null) {
                    byte[] bytes = new byte[24];
                    RANDOM.nextBytes(bytes);
                    password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    stored.setProperty(principal.user(), password);
                    changed = true;
                }
                passwords.put(principal, password);
            }
            if (changed) {
                try (Writer out = new java.io.StringWriter()) {
                    stored.store(out, "Kafka SCRAM passwords of the local broker; local use only");
                    writeOwnerOnly(file, out.toString());
                }
            }
            return new KafkaCredentials(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String password(KafkaPrincipal principal) {
        return passwords.get(principal);
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Writes {@code text} to a file only its owner can read, since it holds a secret. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }
}
