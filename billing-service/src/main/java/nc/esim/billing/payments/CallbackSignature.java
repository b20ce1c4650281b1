package nc.esim.billing.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.billing.BillingConfig;

/**
 * The signature of a payment provider's callback: {@code sha256=<hex>}, the HMAC-SHA256 of the exact
 * request body under the secret shared with the provider. Compared in constant time.
 */
@ApplicationScoped
public class CallbackSignature {
    public static final String HEADER = "Payment-Signature";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    public CallbackSignature(BillingConfig config) {
        this.key = new SecretKeySpec(config.payments().callbackSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean verify(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, body), given);
    }

    /** The header value a provider holding {@code secret} sends with {@code body}. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
