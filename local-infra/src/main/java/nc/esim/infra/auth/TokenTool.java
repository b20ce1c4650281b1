package nc.esim.infra.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * bin/token: creates a signing key pair, and issues bearer tokens (RS256) from its private key for
 * development and for partner shops. The services need only the public key.
 *
 * <pre>
 * bin/token keys  --private-key esim-private.pem --public-key esim-public.pem
 * bin/token issue --private-key esim-private.pem --subject shop-42 --role partner-shop --shop SHOP-42 [--valid-for P30D]
 * </pre>
 */
public final class TokenTool {
    private TokenTool() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(run(List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println("bin/token: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    /** Runs one command and returns what it prints. */
    static String run(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command is needed: keys or issue");
        }
        Options options = Options.parse(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "keys" -> keys(options);
            case "issue" -> issue(options);
            default -> throw new IllegalArgumentException("unknown command " + args.get(0));
        };
    }

    private static String keys(Options options) throws IOException {
        Path privateKey = Path.of(options.required("private-key"));
        Path publicKey = Path.of(options.required("public-key"));
        if (Files.exists(privateKey)) {
            throw new IllegalArgumentException(privateKey + " exists: a signing key is never overwritten");
        }
        DevTokens keys = DevTokens.generate();
        keys.writePublicKey(publicKey);
        keys.writePrivateKey(privateKey);
        return "private key (keep it secret): " + privateKey + "\npublic key (ESIM_JWT_PUBLIC_KEY_LOCATION of the services): "
                + publicKey;
    }

    private static String issue(Options options) throws IOException {
        Set<String> roles = new LinkedHashSet<>(options.all("role"));
        String channel = options.optional("channel");
        if (roles.equals(Set.of(DevTokens.CUSTOMER))) {
            if (channel == null || !Set.of("APP", "WEB").contains(channel)) {
                throw new IllegalArgumentException("a customer token needs --channel APP or --channel WEB");
            }
        } else if (roles.isEmpty() || !DevTokens.ALL_ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("--role must be one or more of " + DevTokens.ALL_ROLES
                    + ", or customer alone");
        } else if (channel != null) {
            throw new IllegalArgumentException("--channel is for customer tokens only");
        }
        String shop = options.optional("shop");
        if (roles.contains("partner-shop") && shop == null) {
            throw new IllegalArgumentException("a partner-shop token needs --shop, the shop's id");
        }
        Duration validFor;
        try {
            validFor = Duration.parse(options.optional("valid-for") == null ? "PT12H" : options.optional("valid-for"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--valid-for is an ISO-8601 duration such as PT12H or P30D");
        }
        String subject = options.required("subject");
        PrivateKey key = readPrivateKey(Path.of(options.required("private-key")));
        io.smallrye.jwt.build.JwtClaimsBuilder claims = DevTokens.claims(subject, roles, shop, validFor);
        if (channel != null) {
            claims.claim(DevTokens.CHANNEL, channel);
        }
        return claims.sign(key);
    }

    static PrivateKey readPrivateKey(Path pem) throws IOException {
        if (!Files.isReadable(pem)) {
            throw new IllegalArgumentException(pem + " cannot be read");
        }
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(pem + " is not an RSA private key in PKCS#8 PEM (bin/token keys writes one)");
        }
    }

    private static String usage() {
        return """
                usage: bin/token keys  --private-key FILE --public-key FILE
                       bin/token issue --private-key FILE --subject NAME --role ROLE [--role ROLE ...]
                                       [--shop SHOP-ID] [--channel APP|WEB] [--valid-for PT12H]
                roles: partner-shop (needs --shop), support-desk, operator, analyst; or customer alone
                       (the subject is the customer's account; needs --channel APP or WEB)""";
    }

    /** {@code --name value} pairs; a name may repeat. */
    private record Options(List<String[]> pairs) {
        static Options parse(List<String> args) {
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < args.size(); i += 2) {
                if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
                    throw new IllegalArgumentException("options are --name value pairs: " + args.get(i));
                }
                pairs.add(new String[] {args.get(i).substring(2), args.get(i + 1)});
            }
            return new Options(pairs);
        }

        List<String> all(String name) {
            return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
        }

        String optional(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.get(values.size() - 1);
        }

        String required(String name) {
            String value = optional(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is needed");
            }
            return value;
        }
    }
}
