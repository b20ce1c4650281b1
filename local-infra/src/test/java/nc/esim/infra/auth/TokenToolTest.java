package nc.esim.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/token: the keys it writes, and tokens it issues that verify against the public key alone. */
class TokenToolTest {
    @TempDir
    Path dir;

    private JwtClaims verify(String token, Path publicKeyPem) throws Exception {
        String base64 = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(DevTokens.ISSUER)
                .setExpectedAudience(DevTokens.AUDIENCE).setRequireExpirationTime().build().processToClaims(token);
    }

    @Test
    void aShopTokenIssuedFromTheNewPrivateKeyVerifiesWithThePublicKeyAndCarriesItsShop() throws Exception {
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        TokenTool.run(List.of("keys", "--private-key", privateKey.toString(), "--public-key", publicKey.toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");

        String token = TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "shop-42",
                "--role", "partner-shop", "--shop", "SHOP-42", "--valid-for", "P30D"));
        JwtClaims claims = verify(token, publicKey);
        assertThat(claims.getSubject()).isEqualTo("shop-42");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("partner-shop");
        assertThat(claims.getStringClaimValue("shop_id")).isEqualTo("SHOP-42");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(30L * 24 * 3600);
    }

    @Test
    void aTokenFromAnotherKeyDoesNotVerifyAndAKeyIsNeverOverwritten() throws Exception {
        Path privateKey = dir.resolve("a.pem");
        TokenTool.run(List.of("keys", "--private-key", privateKey.toString(), "--public-key", dir.resolve("a.pub").toString()));
        TokenTool.run(List.of("keys", "--private-key", dir.resolve("b.pem").toString(), "--public-key", dir.resolve("b.pub").toString()));
        String token = TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "desk",
                "--role", "support-desk"));
        assertThatThrownBy(() -> verify(token, dir.resolve("b.pub"))).isInstanceOf(InvalidJwtException.class);
        assertThatThrownBy(() -> TokenTool.run(List.of("keys", "--private-key", privateKey.toString(), "--public-key",
                dir.resolve("c.pub").toString()))).hasMessageContaining("never overwritten");
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TokenTool.run(List.of("issue", "--private-key", "x", "--subject", "s", "--role", "admin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenTool.run(List.of())).hasMessageContaining("keys or issue");
        assertThatThrownBy(() -> TokenTool.run(List.of("keys", "--private-key"))).hasMessageContaining("--name value");
    }

    @Test
    void aPartnerShopTokenNeedsItsShop() throws Exception {
        Path privateKey = dir.resolve("p.pem");
        TokenTool.run(List.of("keys", "--private-key", privateKey.toString(), "--public-key", dir.resolve("p.pub").toString()));
        assertThatThrownBy(() -> TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "s",
                "--role", "partner-shop"))).hasMessageContaining("--shop");
    }

    @Test
    void aCustomerTokenCarriesItsChannelAndTheCustomerRoleAlone() throws Exception {
        Path privateKey = dir.resolve("c.pem");
        Path publicKey = dir.resolve("c.pub");
        TokenTool.run(List.of("keys", "--private-key", privateKey.toString(), "--public-key", publicKey.toString()));
        String token = TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "customer-7",
                "--role", "customer", "--channel", "WEB"));
        JwtClaims claims = verify(token, publicKey);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("customer");
        assertThat(claims.getStringClaimValue("channel")).isEqualTo("WEB");
        assertThatThrownBy(() -> TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "c",
                "--role", "customer"))).hasMessageContaining("--channel");
        assertThatThrownBy(() -> TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "c",
                "--role", "customer", "--role", "operator", "--channel", "APP"))).hasMessageContaining("customer alone");
        assertThatThrownBy(() -> TokenTool.run(List.of("issue", "--private-key", privateKey.toString(), "--subject", "c",
                "--role", "operator", "--channel", "APP"))).hasMessageContaining("--channel is for customer tokens only");
    }
}
