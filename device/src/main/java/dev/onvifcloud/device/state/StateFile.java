package dev.onvifcloud.device.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
public final class StateFile {

    /** The file's name in the data directory. */
    public static final String FILE_NAME = "device-state.json";

    private static final int FORMAT = 1;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path file;

    public StateFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
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

    /** Replaces the stored state. */
    public void save(DeviceState state) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(write(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(FILE_NAME + ".tmp");
            Files.deleteIfExists(temporary);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("another process writes " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory; the move itself is atomic.
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
                KeyFactory factory = KeyFactory.getInstance(text(node, "algorithm"));
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
