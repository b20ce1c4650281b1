package nc.esim.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A signing key pair and the bearer tokens it signs (RS256), for development, tests and partner shops.
 * The services hold only the public key ({@code mp.jwt.verify.publickey.location}); the issuer and
 * audience here are the ones their configuration checks.
 */
public final class DevTokens {
    public static final String ISSUER = "https://auth.esim.nc";
    public static final String AUDIENCE = "esim-platform";
    /** The roles the services know (nc.esim.support.security.Roles). */
    public static final Set<String> ALL_ROLES = Set.of("partner-shop", "support-desk", "operator", "analyst");
    /** The role of a customer signed in to the operator's app or website; never in {@link #ALL_ROLES}. */
    public static final String CUSTOMER = "customer";
    /** The claim of a customer's token naming where the customer signed in: APP or WEB. */
    public static final String CHANNEL = "channel";
    /** The claim carrying a partner shop's id. */
    public static final String SHOP_ID = "shop_id";

    private final KeyPair keys;

    private DevTokens(KeyPair keys) {
        this.keys = keys;
    }

    /** A new RSA 2048 key pair. */
    public static DevTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevTokens(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /**
     * The key pair kept in {@code privateKeyPem} (PKCS#8, as {@code bin/token keys} writes it), created
     * there with its public key in {@code publicKeyPem} when the file does not exist yet.
     */
    public static DevTokens loadOrCreate(Path privateKeyPem, Path publicKeyPem) {
        try {
            if (!Files.exists(privateKeyPem)) {
                DevTokens created = generate();
                created.writePrivateKey(privateKeyPem);
                created.writePublicKey(publicKeyPem);
                return created;
            }
            PrivateKey privateKey = TokenTool.readPrivateKey(privateKeyPem);
            var crt = (java.security.interfaces.RSAPrivateCrtKey) privateKey;
            var publicKey = java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            DevTokens loaded = new DevTokens(new KeyPair(publicKey, privateKey));
            loaded.writePublicKey(publicKeyPem);
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(privateKeyPem + " holds no usable RSA key", e);
        }
    }

    /** Writes the private key as PKCS#8 PEM to a new file only its owner may read; never overwrites one. */
    public Path writePrivateKey(Path file) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the public key as PEM to {@code file} (what the services verify with) and returns it. */
    public Path writePublicKey(Path file) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A token for {@code subject} with {@code roles}, for a partner shop when {@code shopId} is set. */
    public String token(String subject, Set<String> roles, String shopId, Duration validFor) {
        return claims(subject, roles, shopId, validFor).sign(keys.getPrivate());
    }

    /** A customer's token: the subject is the customer's account, {@code channel} APP or WEB. */
    public String customerToken(String account, String channel, Duration validFor) {
        return claims(account, Set.of(CUSTOMER), null, validFor).claim(CHANNEL, channel).sign(keys.getPrivate());
    }

    /** The same claims signed with another key: what a forger would send. */
    public static String signedByAnotherKey(String subject, Set<String> roles) {
        return claims(subject, roles, null, Duration.ofMinutes(5)).sign(generate().keys.getPrivate());
    }

    /** The claims of a token; tests change them to build expired or wrong-audience tokens. */
    public static JwtClaimsBuilder claims(String subject, Set<String> roles, String shopId, Duration validFor) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(roles)
                .expiresIn(validFor);
        if (shopId != null) {
            claims.claim(SHOP_ID, shopId);
        }
        return claims;
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }
}
