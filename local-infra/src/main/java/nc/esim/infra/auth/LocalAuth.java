package nc.esim.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * This JVM's signing keys for the services it starts (the start command, the benchmarks, the tests):
 * one key pair, its public key in a PEM file that every started service verifies with. By default the
 * pair lives in memory and the public key in a temporary file. With the system property
 * {@value #KEYS_DIRECTORY} (the start command sets {@code .local/keys}) the pair is kept in that
 * directory, so that {@code bin/token issue --private-key <dir>/jwt-private.pem} signs tokens the
 * running platform accepts.
 */
public final class LocalAuth {
    public static final String KEYS_DIRECTORY = "esim.local.keys";
    private static final Path KEYS = System.getProperty(KEYS_DIRECTORY) == null ? null
            : Path.of(System.getProperty(KEYS_DIRECTORY)).toAbsolutePath();
    private static final DevTokens TOKENS = KEYS == null ? DevTokens.generate()
            : DevTokens.loadOrCreate(KEYS.resolve("jwt-private.pem"), KEYS.resolve("jwt-public.pem"));
    private static final Path PUBLIC_KEY = KEYS == null ? writePublicKey() : KEYS.resolve("jwt-public.pem");

    private LocalAuth() {
    }

    /** The private key's file when the pair is kept on disk ({@value #KEYS_DIRECTORY}), else null. */
    public static Path privateKeyFile() {
        return KEYS == null ? null : KEYS.resolve("jwt-private.pem");
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("esim-jwt-public-key-", ".pem");
            file.toFile().deleteOnExit();
            return TOKENS.writePublicKey(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DevTokens tokens() {
        return TOKENS;
    }

    /** What a service's {@code mp.jwt.verify.publickey.location} is set to. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    /** An Authorization header value for {@code roles}, valid 12 hours. */
    public static String bearer(String subject, Set<String> roles, String shopId) {
        return "Bearer " + TOKENS.token(subject, roles, shopId, Duration.ofHours(12));
    }

    /** An Authorization header value for the customer account {@code account} signed in on {@code channel}, valid 12 hours. */
    public static String customer(String account, String channel) {
        return "Bearer " + TOKENS.customerToken(account, channel, Duration.ofHours(12));
    }

    /** An Authorization header value with every role, for harnesses that exercise the whole platform. */
    public static String allRoles() {
        return bearer("local-platform", DevTokens.ALL_ROLES, "SHOP-LOCAL");
    }
}
