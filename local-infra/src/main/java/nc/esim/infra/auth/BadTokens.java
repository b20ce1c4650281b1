package nc.esim.infra.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tokens every service must refuse with 401, each carrying a role that would otherwise be allowed: signed
 * by another key, expired, for another audience, from another issuer, {@code alg: none}, and not a JWT.
 */
public final class BadTokens {
    private BadTokens() {
    }

    /** Named bad tokens with {@code role}, signed (where signed) by this JVM's local key unless said otherwise. */
    public static Map<String, String> carrying(String role) {
        Set<String> roles = Set.of(role);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("signed by another key", DevTokens.signedByAnotherKey("forger", roles));
        tokens.put("expired", DevTokens.claims("late", roles, null, Duration.ofMinutes(5))
                .issuedAt(Instant.now().minusSeconds(7_200)).expiresAt(Instant.now().minusSeconds(3_600))
                .sign(LocalAuth.tokens().privateKey()));
        tokens.put("for another audience", DevTokens.claims("elsewhere", roles, null, Duration.ofMinutes(5))
                .audience("another-platform").sign(LocalAuth.tokens().privateKey()));
        tokens.put("from another issuer", DevTokens.claims("impostor", roles, null, Duration.ofMinutes(5))
                .issuer("https://evil.example").sign(LocalAuth.tokens().privateKey()));
        tokens.put("alg none", unsigned("{\"iss\":\"" + DevTokens.ISSUER + "\",\"aud\":\"" + DevTokens.AUDIENCE
                + "\",\"sub\":\"none\",\"groups\":[\"" + role + "\"],\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}"));
        tokens.put("not a JWT", "not-a-jwt");
        return tokens;
    }

    /** A token with {@code alg: none} and no signature. */
    private static String unsigned(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
