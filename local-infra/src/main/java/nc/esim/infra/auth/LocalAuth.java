package nc.esim.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * This JVM's signing keys for the services it starts (the start command, the benchmarks, the tests):
 * one key pair, its public key in a temporary PEM file that every started service verifies with.
 */
public final class LocalAuth {
    private static final DevTokens TOKENS = DevTokens.generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private LocalAuth() {
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

    /** An Authorization header value with every role, for harnesses that exercise the whole platform. */
    public static String allRoles() {
        return bearer("local-platform", DevTokens.ALL_ROLES, "SHOP-LOCAL");
    }
}
