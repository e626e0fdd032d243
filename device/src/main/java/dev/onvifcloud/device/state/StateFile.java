package dev.onvifcloud.device.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.security.jose.Ecdsa;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The camera's state as one JSON file in its data directory ({@code device-state.json}, owner read/write only:
 * it holds private keys, PKCS#8, and client secrets). Written atomically: a temporary file in the same directory,
 * flushed to disk, then moved over the old file, so a crash leaves the old or the new state, never half of one.
 * Keys still {@code generating} when the state was written come back {@code corrupt}: their generation was cut.
 * EC keys are read back as Bouncy Castle keys ({@link Ecdsa#provider()}, not registered), like those the camera
 * generates.
 */
public final class StateFile {

    /** The file's name in the data directory. */
    public static final String FILE_NAME = "device-state.json";

    private static final int FORMAT = 1;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter WRITER = JSON.writerWithDefaultPrettyPrinter();
    private static final Set<StandardOpenOption> NEW_FILE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path directory;
    private final Path file;
    private final Path temporary;
    private final FileAttribute<?>[] ownerOnly;

    public StateFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.temporary = directory.resolve(FILE_NAME + ".tmp");
        this.ownerOnly = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /** The stored state, or empty when the camera was never started with this directory. */
    public Optional<DeviceState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(JSON.readTree(Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the state file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the stored state; when this returns, the new state is on disk (a crash at any point leaves the old
     * file or the new one, whole). One writer per directory: the {@link DeviceStore}'s lock serializes the saves.
     * Per save: open the temporary file (created afresh, owner read/write only), write, {@code fdatasync}, rename
     * it over the file, {@code fsync} the directory so that the rename itself is durable.
     */
    public void save(DeviceState state) {
        byte[] bytes;
        try {
            bytes = WRITER.writeValueAsBytes(write(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (FileChannel channel = openTemporary()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // fdatasync: the bytes and what is needed to read them back (size, blocks); the rename must not
                // reach the disk before them. Timestamps need no flush.
                channel.force(false);
            }
            // rename(2): atomic, replaces the old file
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The temporary file, created by this call (never one that was there before, so it always gets owner-only
     * permissions). In the normal case one {@code open}: each save renames the file away, and the directory is
     * there (it is created when the open says it is missing: first save, or removed since).
     */
    private FileChannel openTemporary() throws IOException {
        try {
            return FileChannel.open(temporary, NEW_FILE, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            // left by a save that was cut before its rename: never the state, so it can go
            Files.delete(temporary);
        } catch (NoSuchFileException e) {
            Files.createDirectories(directory);
        }
        return FileChannel.open(temporary, NEW_FILE, ownerOnly);
    }

    /** Makes the rename durable: without it a crash soon after could bring the old file back. */
    private void syncDirectory() throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // Not every platform can open a directory (Windows); there the move itself is atomic.
        }
        try (channel) {
            channel.force(true);
        }
    }

    // ------------------------------------------------------------------------------------------ writing

    private static ObjectNode write(DeviceState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("nextId", state.nextId());
        ArrayNode keys = root.putArray("keys");
        for (StoredKey key : state.keys().values()) {
            ObjectNode node = keys.addObject();
            node.put("id", key.id().value());
            key.alias().ifPresent(alias -> node.put("alias", alias));
            node.put("status", key.status().wireValue());
            node.put("externallyGenerated", key.externallyGenerated());
            key.publicKey().ifPresent(publicKey -> {
                node.put("algorithm", publicKey.getAlgorithm());
                node.put("publicKey", base64(publicKey.getEncoded()));
            });
            key.privateKey().ifPresent(privateKey -> node.put("privateKey", base64(privateKey.getEncoded())));
        }
        ArrayNode certificates = root.putArray("certificates");
        for (StoredCertificate certificate : state.certificates().values()) {
            ObjectNode node = certificates.addObject();
            node.put("id", certificate.id().value());
            node.put("keyId", certificate.keyId().value());
            certificate.alias().ifPresent(alias -> node.put("alias", alias));
            try {
                node.put("der", base64(certificate.certificate().getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
        ArrayNode policies = root.putArray("certPathValidationPolicies");
        for (CertPathValidationPolicy policy : state.certPathValidationPolicies().values()) {
            ObjectNode node = policies.addObject();
            node.put("id", policy.certPathValidationPolicyID().value());
            policy.alias().ifPresent(alias -> node.put("alias", alias));
            policy.parameters().requireTLSWWWClientAuthExtendedKeyUsage()
                    .ifPresent(v -> node.put("requireTLSWWWClientAuthExtendedKeyUsage", v));
            policy.parameters().useDeltaCRLs().ifPresent(v -> node.put("useDeltaCRLs", v));
            ArrayNode anchors = node.putArray("trustAnchors");
            policy.trustAnchors().forEach(anchor -> anchors.add(anchor.certificateID().value()));
        }
        ArrayNode servers = root.putArray("authorizationServerConfigurations");
        state.authorizationServers().forEach((token, data) -> {
            ObjectNode node = servers.addObject();
            node.put("token", token.value());
            node.put("type", data.type().name());
            data.clientAuth().ifPresent(method -> node.put("clientAuth", method.wireValue()));
            node.put("serverUri", data.serverUri().toString());
            data.clientID().ifPresent(v -> node.put("clientId", v));
            data.clientSecret().ifPresent(v -> node.put("clientSecret", v));
            data.scope().ifPresent(v -> node.put("scope", v));
            data.keyID().ifPresent(v -> node.put("keyId", v.value()));
            data.certificateID().ifPresent(v -> node.put("certificateId", v.value()));
            data.certPathValidationPolicyID().ifPresent(v -> node.put("certPathValidationPolicyId", v.value()));
        });
        ArrayNode uplinks = root.putArray("uplinks");
        for (UplinkConfiguration uplink : state.uplinks().values()) {
            ObjectNode node = uplinks.addObject();
            node.put("remoteAddress", uplink.remoteAddress().toString());
            uplink.certificateID().ifPresent(v -> node.put("certificateId", v));
            ArrayNode levels = node.putArray("userLevel");
            uplink.userLevel().forEach(levels::add);
            uplink.certPathValidationPolicyID().ifPresent(v -> node.put("certPathValidationPolicyId", v));
            uplink.authorizationServer().ifPresent(v -> node.put("authorizationServer", v.value()));
        }
        return root;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ------------------------------------------------------------------------------------------ reading

    private static DeviceState read(JsonNode root) throws GeneralSecurityException {
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("unknown format " + root.path("format"));
        }
        Map<KeyID, StoredKey> keys = new LinkedHashMap<>();
        for (JsonNode node : root.path("keys")) {
            KeyID id = new KeyID(text(node, "id"));
            KeyStatus status = KeyStatus.fromWire(text(node, "status")).orElseThrow();
            Optional<PublicKey> publicKey = Optional.empty();
            Optional<PrivateKey> privateKey = Optional.empty();
            if (node.has("publicKey")) {
                KeyFactory factory = keyFactory(text(node, "algorithm"));
                publicKey = Optional.of(factory.generatePublic(new X509EncodedKeySpec(bytes(node, "publicKey"))));
                if (node.has("privateKey")) {
                    privateKey = Optional.of(factory.generatePrivate(
                            new PKCS8EncodedKeySpec(bytes(node, "privateKey"))));
                }
            }
            StoredKey key = new StoredKey(id, optional(node, "alias", Function.identity()),
                    status == KeyStatus.GENERATING ? KeyStatus.CORRUPT : status, publicKey, privateKey,
                    node.path("externallyGenerated").asBoolean());
            keys.put(id, key);
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Map<CertificateID, StoredCertificate> certificates = new LinkedHashMap<>();
        for (JsonNode node : root.path("certificates")) {
            CertificateID id = new CertificateID(text(node, "id"));
            X509Certificate certificate = (X509Certificate) x509.generateCertificate(
                    new ByteArrayInputStream(bytes(node, "der")));
            certificates.put(id, new StoredCertificate(id, new KeyID(text(node, "keyId")),
                    optional(node, "alias", Function.identity()), certificate));
        }
        Map<CertPathValidationPolicyID, CertPathValidationPolicy> policies = new LinkedHashMap<>();
        for (JsonNode node : root.path("certPathValidationPolicies")) {
            CertPathValidationPolicyID id = new CertPathValidationPolicyID(text(node, "id"));
            List<TrustAnchor> anchors = new ArrayList<>();
            node.path("trustAnchors").forEach(a -> anchors.add(new TrustAnchor(new CertificateID(a.asText()))));
            CertPathValidationParameters parameters = new CertPathValidationParameters(
                    optionalBoolean(node, "requireTLSWWWClientAuthExtendedKeyUsage"),
                    optionalBoolean(node, "useDeltaCRLs"));
            policies.put(id, new CertPathValidationPolicy(id, optional(node, "alias", Function.identity()),
                    parameters, anchors));
        }
        Map<ReferenceToken, AuthorizationServerConfigurationData> servers = new LinkedHashMap<>();
        for (JsonNode node : root.path("authorizationServerConfigurations")) {
            servers.put(new ReferenceToken(text(node, "token")), new AuthorizationServerConfigurationData(
                    AuthorizationServerConfigurationType.fromWire(text(node, "type")).orElseThrow(),
                    optional(node, "clientAuth", ClientAuthenticationMethod::fromWire).flatMap(m -> m),
                    URI.create(text(node, "serverUri")),
                    optional(node, "clientId", Function.identity()),
                    optional(node, "clientSecret", Function.identity()),
                    optional(node, "scope", Function.identity()),
                    optional(node, "keyId", KeyID::new),
                    optional(node, "certificateId", CertificateID::new),
                    optional(node, "certPathValidationPolicyId", CertPathValidationPolicyID::new)));
        }
        Map<URI, UplinkConfiguration> uplinks = new LinkedHashMap<>();
        for (JsonNode node : root.path("uplinks")) {
            List<String> levels = new ArrayList<>();
            node.path("userLevel").forEach(level -> levels.add(level.asText()));
            UplinkConfiguration uplink = new UplinkConfiguration(URI.create(text(node, "remoteAddress")),
                    optional(node, "certificateId", Function.identity()), levels, Optional.empty(),
                    optional(node, "certPathValidationPolicyId", Function.identity()),
                    optional(node, "authorizationServer", ReferenceToken::new), Optional.empty());
            uplinks.put(uplink.remoteAddress(), uplink);
        }
        return new DeviceState(keys, certificates, policies, servers, uplinks, root.path("nextId").asLong(1));
    }

    /**
     * EC keys come back as Bouncy Castle keys, as the camera generates them ({@code SecurityService}): the CSR
     * signer's ECDSA (Bouncy Castle through the JCA) converts a JDK key at each signature, about 3x the cost.
     * Other algorithms (RSA) stay the JDK's.
     */
    private static KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        return "EC".equals(algorithm) ? KeyFactory.getInstance(algorithm, Ecdsa.provider())
                : KeyFactory.getInstance(algorithm);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static byte[] bytes(JsonNode node, String field) {
        return Base64.getDecoder().decode(text(node, field));
    }

    private static <T> Optional<T> optional(JsonNode node, String field, Function<String, T> parse) {
        return node.hasNonNull(field) ? Optional.of(parse.apply(node.get(field).asText())) : Optional.empty();
    }

    private static Optional<Boolean> optionalBoolean(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asBoolean()) : Optional.empty();
    }
}
