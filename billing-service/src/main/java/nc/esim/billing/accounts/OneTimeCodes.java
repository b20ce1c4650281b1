package nc.esim.billing.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.billing.BillingConfig;
import nc.esim.support.problems.Problems;

/**
 * Six-digit one-time codes and their keyed hashes. A plain hash of six digits is undone by trying the
 * million codes, so a code is kept only as HMAC-SHA256 under {@code billing.bindings.code-key}, salted
 * with its challenge's id: a copy of the table alone gives no code.
 */
@ApplicationScoped
public class OneTimeCodes {
    private static final String HMAC = "HmacSHA256";
    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeySpec> key;

    public OneTimeCodes(BillingConfig config) {
        this.key = config.bindings().codeKey().filter(k -> !k.isBlank())
                .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), HMAC));
    }

    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public byte[] hash(UUID challenge, String code) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key.orElseThrow(() -> Problems.of(503, "bindings-unavailable", "Binding unavailable",
                    "Binding eSIMs is not configured on this service (billing.bindings.code-key)")));
            return mac.doFinal((challenge + ":" + code).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Whether {@code code} is the one hashed as {@code hash}, in constant time. */
    public boolean matches(UUID challenge, String code, byte[] hash) {
        return MessageDigest.isEqual(hash(challenge, code), hash);
    }
}
