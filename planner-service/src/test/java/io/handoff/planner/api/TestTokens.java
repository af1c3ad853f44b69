package io.handoff.planner.api;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Stands in for an identity provider: an RSA key pair the planner is told to trust (through
 * {@code quarkus.oidc.public-key}) and tokens signed with it. The pair is generated once and kept
 * under {@code target/}, because the test profile (which configures the planner) and the test (which
 * signs) may be loaded by different class loaders and must agree on the same key.
 */
public final class TestTokens {
    public static final String ISSUER = "https://idp.handoff.test/realms/handoff";
    private static final Path DIR = Path.of("target", "oidc-test-keys");
    private static KeyPair signing;

    private TestTokens() {
    }

    /** The trusted public key as {@code quarkus.oidc.public-key} takes it (base64 of its X.509 encoding). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(signingKey().getPublic().getEncoded());
    }

    /** Claims of a token issued now by {@link #ISSUER} for {@code subject}, valid for five minutes. */
    public static JwtClaimsBuilder claims(String subject) {
        Instant now = Instant.now();
        return Jwt.claims().issuer(ISSUER).subject(subject).issuedAt(now).expiresAt(now.plusSeconds(300));
    }

    /** A token of the trusted issuer for user {@code userName} (subject {@code "sub-" + userName}) in {@code groups}. */
    public static String user(String userName, String... groups) {
        return sign(claims("sub-" + userName).preferredUserName(userName).claim("groups", List.of(groups)));
    }

    /** As {@link #user}, the roles in Keycloak's {@code realm_access/roles} instead of {@code groups}. */
    public static String keycloakUser(String userName, String... realmRoles) {
        return sign(claims("sub-" + userName).preferredUserName(userName)
                .claim("realm_access", Map.of("roles", List.of(realmRoles))));
    }

    /** Signed with the trusted key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(signingKey().getPrivate());
    }

    /** Signed with {@code key}, for tokens the planner must not trust. */
    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().sign(key);
    }

    /** A fresh RSA key pair nobody told the planner about. */
    public static KeyPair otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KeyPair signingKey() {
        if (signing == null) {
            signing = loadOrCreate();
        }
        return signing;
    }

    private static KeyPair loadOrCreate() {
        Path privateFile = DIR.resolve("signing.pkcs8");
        Path publicFile = DIR.resolve("signing.x509");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
            }
            KeyPair created = otherKey();
            Files.createDirectories(DIR);
            Files.write(publicFile, created.getPublic().getEncoded());
            Files.write(privateFile, created.getPrivate().getEncoded());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
