package dev.storefront.users.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The RSA key pair tokens are signed with (RS256), from configuration:
 * {@code users.jwt.private-key} (a PKCS#8 PEM, e.g. from the {@code USERS_JWT_PRIVATE_KEY}
 * environment variable or a secret) or {@code users.jwt.private-key-file} (its path). With
 * neither, and unless {@code users.jwt.development-key.enabled=false}, a development pair is
 * generated once under {@code users.jwt.development-key.directory} (default {@code run/keys},
 * gitignored) and reused on later starts, so tokens survive a restart of a local stack.
 */
@ApplicationScoped
public class SigningKeys {

    private static final System.Logger LOGGER = System.getLogger(SigningKeys.class.getName());
    private static final String DEV_KEY_FILE = "users-jwt-signing-key.dev.pem";

    private final RSAKey signingKey;

    @Inject
    SigningKeys(Config config) {
        String pem = config.getOptionalValue("users.jwt.private-key", String.class)
                .or(() -> config.getOptionalValue("users.jwt.private-key-file", String.class).map(SigningKeys::read))
                .orElseGet(() -> developmentKey(config));
        this.signingKey = toJwk(pem, config.getOptionalValue("users.jwt.key-id", String.class));
    }

    /** @return the private signing key (with its key id) */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** @return the public keys tokens verify against, as published at {@code /.well-known/jwks.json} */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    private static String developmentKey(Config config) {
        if (!config.getOptionalValue("users.jwt.development-key.enabled", Boolean.class).orElse(true)) {
            throw new IllegalStateException("No token signing key: set users.jwt.private-key (USERS_JWT_PRIVATE_KEY) to a"
                    + " PKCS#8 PEM RSA key or users.jwt.private-key-file to its path");
        }
        Path file = Path.of(config.getOptionalValue("users.jwt.development-key.directory", String.class).orElse("run/keys"))
                .resolve(DEV_KEY_FILE).toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                Files.createDirectories(file.getParent());
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");
                restrictToOwner(file);
                LOGGER.log(Level.WARNING, "Generated a DEVELOPMENT-ONLY token signing key at " + file);
            }
            LOGGER.log(Level.WARNING, "*** Signing tokens with the DEVELOPMENT key " + file + " — never use it in production:"
                    + " set users.jwt.private-key (USERS_JWT_PRIVATE_KEY) and users.jwt.development-key.enabled=false ***");
            return Files.readString(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the development signing key at " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL applies
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read users.jwt.private-key-file " + path, e);
        }
    }

    static RSAKey toJwk(String pem, Optional<String> keyId) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("The signing key is PKCS#1; convert it to PKCS#8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        // tolerate a PEM whose line breaks were flattened to spaces or "\n" in an environment variable
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replace("\\n", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (privateKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("The signing key must have at least 2048 bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey.Builder key = new RSAKey.Builder(publicKey).privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
            // default key id: the RFC 7638 thumbprint, so a new key always gets a new id
            return keyId.isPresent() ? key.keyID(keyId.get()).build() : key.keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalStateException("The token signing key is not a PKCS#8 PEM RSA private key", e);
        }
    }
}
