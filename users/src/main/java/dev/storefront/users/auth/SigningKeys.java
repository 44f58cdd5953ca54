package dev.storefront.users.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The RSA keys of tokens (RS256): one current key that signs, and the keys that are only
 * published in the JWKS — retired keys whose tokens have not expired yet, and a next key
 * published ahead of signing with it. That is what lets keys rotate without signing anyone out.
 *
 * <p>The signing key, first found wins: {@code users.jwt.private-key} (a PKCS#8 PEM, e.g. from the
 * {@code USERS_JWT_PRIVATE_KEY} environment variable or a secret), {@code users.jwt.private-key-file}
 * (its path), the file {@code users.jwt.current-key} in {@code users.jwt.key-directory}, and
 * otherwise (unless {@code users.jwt.development-key.enabled=false}) a development pair generated
 * once under {@code users.jwt.development-key.directory} (default {@code run/keys}, gitignored)
 * and reused on later starts, so tokens survive a restart of a local stack (created atomically
 * if absent: users services starting at once over one directory all sign with the same key).
 *
 * <p>Published besides it: every other {@code *.pem} file in {@code users.jwt.key-directory}, an
 * RSA private key (PKCS#8) or public key (X.509 {@code BEGIN PUBLIC KEY}); only its public part is
 * published. Key ids are RFC 7638 thumbprints, so a key keeps its id when it moves from current to
 * retired; {@code users.jwt.key-id} (single-key setups only) overrides the signing key's id.
 */
@ApplicationScoped
public class SigningKeys {

    private static final System.Logger LOGGER = System.getLogger(SigningKeys.class.getName());
    private static final String DEV_KEY_FILE = "users-jwt-signing-key.dev.pem";
    private static final String PKCS8_PRIVATE = "-----BEGIN PRIVATE KEY-----";
    private static final String X509_PUBLIC = "-----BEGIN PUBLIC KEY-----";

    private final RSAKey signingKey;
    private final JWKSet publicKeys;

    @Inject
    SigningKeys(Config config) {
        Optional<Path> directory = config.getOptionalValue("users.jwt.key-directory", String.class).map(Path::of);
        Optional<String> current = config.getOptionalValue("users.jwt.current-key", String.class);
        Optional<String> keyId = config.getOptionalValue("users.jwt.key-id", String.class);
        Optional<String> single = config.getOptionalValue("users.jwt.private-key", String.class)
                .or(() -> config.getOptionalValue("users.jwt.private-key-file", String.class).map(SigningKeys::read));
        if (current.isPresent() && (single.isPresent() || directory.isEmpty())) {
            throw new IllegalStateException("users.jwt.current-key names a file in users.jwt.key-directory: set the directory,"
                    + " and not users.jwt.private-key or users.jwt.private-key-file as well");
        }
        if (directory.isPresent() && keyId.isPresent()) {
            // a key's id must not change when it stops being current, or its live tokens fail
            throw new IllegalStateException("users.jwt.key-id cannot be combined with users.jwt.key-directory:"
                    + " rotated keys are identified by their RFC 7638 thumbprints");
        }
        Map<String, String> directoryPems = directory.map(SigningKeys::pemFiles).orElse(Map.of());
        String signingPem;
        String signingSource;
        if (single.isPresent()) {
            signingPem = single.get();
            signingSource = "users.jwt.private-key";
        } else if (directory.isPresent()) {
            String name = current.orElseThrow(() -> new IllegalStateException("users.jwt.key-directory is set but"
                    + " users.jwt.current-key (USERS_JWT_CURRENT_KEY) does not name the signing key's file in it; files: "
                    + directoryPems.keySet()));
            signingPem = Optional.ofNullable(directoryPems.get(name)).orElseThrow(() -> new IllegalStateException(
                    "users.jwt.current-key " + name + " is not a .pem file in " + directory.get() + "; files: " + directoryPems.keySet()));
            if (!signingPem.contains(PKCS8_PRIVATE) && !signingPem.contains("BEGIN RSA PRIVATE KEY")) {
                throw new IllegalStateException("The current key " + name + " must be a private key (PKCS#8 PEM) to sign with");
            }
            signingSource = directory.get().resolve(name).toString();
        } else {
            signingPem = developmentKey(config);
            signingSource = "the development key";
        }
        this.signingKey = toJwk(signingPem, keyId);

        Map<String, JWK> published = new LinkedHashMap<>();
        published.put(signingKey.getKeyID(), signingKey.toPublicJWK());
        List<String> others = new ArrayList<>();
        directoryPems.forEach((file, pem) -> {
            RSAKey key = publicJwk(pem, file);
            if (published.putIfAbsent(key.getKeyID(), key) == null) {
                others.add(key.getKeyID() + " (" + file + ")");
            }
        });
        this.publicKeys = new JWKSet(List.copyOf(published.values()));
        LOGGER.log(Level.INFO, "Signing tokens with key " + signingKey.getKeyID() + " from " + signingSource
                + (others.isEmpty() ? "" : "; also publishing (not signing with) " + String.join(", ", others)));
    }

    /** @return the private signing key (with its key id), the current key */
    public RSAKey signingKey() {
        return signingKey;
    }

    /**
     * @return the public keys tokens verify against, as published at {@code /.well-known/jwks.json}:
     *         the signing key first, then the retired and next keys
     */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    /** @return file name → contents of every {@code *.pem} regular file in the directory, by name */
    private static Map<String, String> pemFiles(Path directory) {
        // Kubernetes mounts a Secret as symlinks into a "..data" directory: follow links, skip dot entries
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pem")
                            && !file.getFileName().toString().startsWith(".") && Files.isRegularFile(file))
                    .sorted()
                    .collect(Collectors.toMap(file -> file.getFileName().toString(), SigningKeys::readKeyFile,
                            (a, b) -> a, LinkedHashMap::new));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list users.jwt.key-directory " + directory, e);
        }
    }

    private static String readKeyFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key file " + file, e);
        }
    }

    private static String developmentKey(Config config) {
        if (!config.getOptionalValue("users.jwt.development-key.enabled", Boolean.class).orElse(true)) {
            throw new IllegalStateException("No token signing key: set users.jwt.private-key (USERS_JWT_PRIVATE_KEY) to a"
                    + " PKCS#8 PEM RSA key, users.jwt.private-key-file to its path, or users.jwt.key-directory and"
                    + " users.jwt.current-key");
        }
        Path file = Path.of(config.getOptionalValue("users.jwt.development-key.directory", String.class).orElse("run/keys"))
                .resolve(DEV_KEY_FILE).toAbsolutePath();
        try {
            if (!Files.exists(file) && publishIfAbsent(file, newDevelopmentPem())) {
                LOGGER.log(Level.WARNING, "Generated a DEVELOPMENT-ONLY token signing key at " + file);
            }
            LOGGER.log(Level.WARNING, "*** Signing tokens with the DEVELOPMENT key " + file + " — never use it in production:"
                    + " set users.jwt.private-key (USERS_JWT_PRIVATE_KEY) or users.jwt.key-directory, and"
                    + " users.jwt.development-key.enabled=false ***");
            return Files.readString(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the development signing key at " + file, e);
        }
    }

    private static String newDevelopmentPem() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        return PKCS8_PRIVATE + "\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Create the file with these contents unless it exists, atomically: two users services started
     * at once (two stacks from one checkout) must end up signing with the same key, and neither may
     * read a half-written file. The key is written whole to a temporary file beside it, which is
     * then hard-linked to the name: link(2) fails when the name exists, where a rename would
     * replace the other writer's key.
     *
     * @return whether this call created the file (false: another writer was first, keep its key)
     */
    static boolean publishIfAbsent(Path file, String contents) throws IOException {
        Files.createDirectories(file.getParent());
        // a dot name: never taken for a key (pemFiles skips dot entries), owner-only from the start
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            restrictToOwner(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(contents.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException anotherWriterWasFirst) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                // a file system without hard links: move without replacing (it checks, then renames)
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException anotherWriterWasFirst) {
                    return false;
                }
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
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

    /** @return the base64 body of a PEM whose line breaks may have been flattened to spaces or "\n" in an environment variable */
    private static byte[] pemBody(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replace("\\n", "").replaceAll("\\s", ""));
    }

    static RSAKey toJwk(String pem, Optional<String> keyId) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("The signing key is PKCS#1; convert it to PKCS#8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
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

    /**
     * @param pem  a PKCS#8 private or X.509 public RSA key
     * @param file where it came from, for messages
     * @return its public part with its thumbprint as key id
     */
    static RSAKey publicJwk(String pem, String file) {
        if (!pem.contains(X509_PUBLIC)) {
            try {
                return toJwk(pem, Optional.empty()).toPublicJWK();
            } catch (IllegalStateException e) {
                throw new IllegalStateException("The key file " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem)));
            if (publicKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("The key file " + file + " holds a key of fewer than 2048 bits");
            }
            return new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalStateException("The key file " + file + " is not an RSA public key (BEGIN PUBLIC KEY)"
                    + " or PKCS#8 private key", e);
        }
    }
}
