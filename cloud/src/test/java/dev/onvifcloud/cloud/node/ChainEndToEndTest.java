package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Operational Cloud Service acting as a Provisioning Cloud Service for the cameras it holds, end to end over
 * loopback TLS with every party real: an MCS node, two OCS nodes (each with the operational and the provisioning
 * role on one node, one uplink acceptor), one development PKI, reference cameras on their factory uplinks to the
 * MCS. Shares and transfers go over the nodes' HTTPS APIs only, as between three companies: the owner on the MCS
 * issues a share token, OCS1's account adds it, then OCS1's account (now the camera's owner on OCS1's provisioning
 * side) issues its own share token for OCS2. Each test uses its own camera.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(300), Duration.ofSeconds(2), 0.1);

    @TempDir
    static Path directory;

    private DevelopmentPki pki;
    private FactoryClaimCodes claimCodes;
    private CloudNode mcs;
    private CloudNode ocs1;
    private CloudNode ocs2;
    private HttpClient http;
    private String mcsKey;
    private String ocs1Key;
    private String ocs2Key;
    private final List<Camera> cameras = new ArrayList<>();

    @BeforeAll
    void start_an_mcs_and_two_ocs_nodes() {
        Path pkiDirectory = directory.resolve("pki");
        pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
        http = HttpClient.newBuilder().sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate()))).build();
        mcs = CloudNode.builder().dataDirectory(directory.resolve("mcs")).pki(pki)
                .settings(NodeSettings.loopback("mcs-chain").forLocalDevelopment())
                .role(ProvisioningRole.factory(Optional.of(claimCodes))).build().start();
        ocs1 = ocs("ocs1-chain");
        ocs2 = ocs("ocs2-chain");
        mcsKey = mcs.bootstrapOwner("alice").apiKey();
        ocs1Key = ocs1.bootstrapOwner("olivia").apiKey();
        ocs2Key = ocs2.bootstrapOwner("oscar").apiKey();
    }

    private CloudNode ocs(String name) {
        return CloudNode.builder().dataDirectory(directory.resolve(name)).pki(pki)
                .settings(NodeSettings.loopback(name).forLocalDevelopment())
                .role(OperationalRole.factory())
                .role(ProvisioningRole.factory(Optional.empty())).build().start();
    }

    @AfterAll
    void stop() {
        cameras.forEach(Camera::close);
        for (CloudNode node : new CloudNode[] {ocs2, ocs1, mcs}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void mcs_shares_with_ocs1_which_shares_on_with_ocs2_and_the_camera_keeps_all_three_uplinks() throws Exception {
        String serial = "SN-CHAIN-SHARE";
        Camera camera = claimedCamera(serial);

        String onOcs1 = add(ocs1, ocs1Key, issue(mcs, mcsKey, serial, "share"));
        awaitConnected(ocs1, ocs1Key, onOcs1);
        Device held = await().atMost(PATIENCE).until(() -> ocs1.database().devices().findBySerialNumber(serial),
                Optional::isPresent).orElseThrow();
        assertThat(held.state()).isEqualTo(DeviceState.CLAIMED);
        assertThat(held.owner()).contains(ocs1.database().accounts().findByName("olivia").orElseThrow().id());
        await().atMost(PATIENCE).until(() -> ocs1.role(ProvisioningRole.class).orElseThrow().registry()
                .isOnline(serial));

        String onOcs2 = add(ocs2, ocs2Key, issue(ocs1, ocs1Key, serial, "share"));
        awaitConnected(ocs2, ocs2Key, onOcs2);

        assertThat(camera.state().uplinks().keySet())
                .containsExactlyInAnyOrder(mcs.uplinkUri(), ocs1.uplinkUri(), ocs2.uplinkUri());
        for (CloudNode node : List.of(mcs, ocs1, ocs2)) {
            assertThat(camera.uplinkStatus(node.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
        }
        assertThat(authorizationServers(camera)).containsExactlyInAnyOrder(ocs1.apiUri(), ocs2.apiUri());
        JsonNode first = camera(ocs1, ocs1Key, onOcs1);
        assertThat(first.get("state").asText()).isEqualTo("connected");
        assertThat(first.has("verifiedAt")).isTrue();
        JsonNode second = camera(ocs2, ocs2Key, onOcs2);
        assertThat(second.get("state").asText()).isEqualTo("connected");
        assertThat(second.get("xaddr").asText()).isEqualTo(ocs1.apiUri().toString());
        assertThat(ocs1.database().devices().findBySerialNumber(serial).orElseThrow().state())
                .isEqualTo(DeviceState.CLAIMED);
        assertThat(operations(ocs1, serial)).extracting(SharingOperation::state)
                .containsExactly(SharingOperationState.COMPLETED);
    }

    @Test
    void a_transfer_from_ocs1_to_ocs2_leaves_ocs1_without_access() throws Exception {
        String serial = "SN-CHAIN-TRANSFER";
        Camera camera = claimedCamera(serial);
        String onOcs1 = add(ocs1, ocs1Key, issue(mcs, mcsKey, serial, "share"));
        awaitConnected(ocs1, ocs1Key, onOcs1);
        String ocs1Client = camera(ocs1, ocs1Key, onOcs1).get("clientId").asText();
        await().atMost(PATIENCE).until(() -> ocs1.role(ProvisioningRole.class).orElseThrow().registry()
                .isOnline(serial));

        String onOcs2 = add(ocs2, ocs2Key, issue(ocs1, ocs1Key, serial, "transfer"));
        awaitConnected(ocs2, ocs2Key, onOcs2);
        await().atMost(PATIENCE).until(() -> ocs1.database().devices().findBySerialNumber(serial).orElseThrow()
                .state() == DeviceState.TRANSFERRED);

        assertThat(operations(ocs1, serial)).extracting(SharingOperation::state)
                .containsExactly(SharingOperationState.TRANSFERRED);
        await().atMost(PATIENCE).until(() -> !camera.state().uplinks().containsKey(ocs1.uplinkUri()));
        assertThat(camera.state().uplinks().keySet()).containsExactlyInAnyOrder(mcs.uplinkUri(), ocs2.uplinkUri());
        assertThat(authorizationServers(camera)).contains(ocs2.apiUri());
        await().atMost(PATIENCE).until(() -> ocs1.database().clients().find(ocs1Client).orElseThrow().state()
                == OAuthClientState.REVOKED);
        // OCS1's authorization server configuration may stay on the camera: while OCS1's uplink refers to it the
        // camera refuses to delete it (ReferenceExists), and deleting that uplink ends OCS1's only way to the camera.
        // It is recorded, and it is dead: OCS1's authorization server refuses its client.
        for (AuthorizationServerConfigurationData kept : camera.state().authorizationServers().values()) {
            if (kept.serverUri().equals(ocs1.apiUri())) {
                assertThat(kept.clientID()).contains(ocs1Client);
                assertThat(operations(ocs1, serial).get(0).failureReason()).hasValueSatisfying(reason ->
                        assertThat(reason).startsWith("REMOVAL_INCOMPLETE"));
                HttpResponse<String> token = tokenRequest(ocs1, camera, kept);
                assertThat(token.statusCode()).as(token.body()).isEqualTo(400);
                // The key proof verified: only the revocation refuses it (TokenRefusal.CLIENT_REVOKED).
                assertThat(JSON.readTree(token.body()).get("error").asText()).isEqualTo("unauthorized_client");
            }
        }
        JsonNode gone = camera(ocs1, ocs1Key, onOcs1);
        assertThat(gone.get("state").asText()).isEqualTo("removed");
        assertThat(gone.get("connected").asBoolean()).isFalse();
        assertThat(ocs1.role(ProvisioningRole.class).orElseThrow().registry().isOnline(serial)).isFalse();
        JsonNode now = camera(ocs2, ocs2Key, onOcs2);
        assertThat(now.get("state").asText()).isEqualTo("connected");
        assertThat(now.has("verifiedAt")).isTrue();
        assertThat(camera.uplinkStatus(ocs2.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
        // OCS2 holds it now and could pass it on: its account owns it on OCS2's provisioning side.
        await().atMost(PATIENCE).until(() -> ocs2.database().devices().findBySerialNumber(serial)
                .filter(device -> device.state() == DeviceState.CLAIMED).isPresent());
        // And OCS1 can no longer share it.
        HttpResponse<String> refused = post(ocs1, "/api/v1/devices/" + serial + "/share-tokens", ocs1Key,
                "{\"mode\":\"share\"}");
        assertThat(refused.statusCode()).isNotEqualTo(201);
    }

    @Test
    void a_transfer_from_the_mcs_removes_its_factory_uplink_from_the_camera() throws Exception {
        String serial = "SN-CHAIN-MCS-TRANSFER";
        Camera camera = claimedCamera(serial);

        String onOcs1 = add(ocs1, ocs1Key, issue(mcs, mcsKey, serial, "transfer"));
        awaitConnected(ocs1, ocs1Key, onOcs1);
        await().atMost(PATIENCE).until(() -> mcs.database().devices().findBySerialNumber(serial).orElseThrow()
                .state() == DeviceState.TRANSFERRED);

        await().atMost(PATIENCE).until(() -> !camera.state().uplinks().containsKey(mcs.uplinkUri()));
        assertThat(camera.state().uplinks().keySet()).containsExactly(ocs1.uplinkUri());
        assertThat(operations(mcs, serial)).extracting(SharingOperation::state)
                .containsExactly(SharingOperationState.TRANSFERRED);
        assertThat(mcs.role(ProvisioningRole.class).orElseThrow().registry().isOnline(serial)).isFalse();
        assertThat(camera(ocs1, ocs1Key, onOcs1).get("state").asText()).isEqualTo("connected");
        assertThat(camera.uplinkStatus(ocs1.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
    }

    @Test
    void a_camera_another_account_of_the_ocs_holds_already_is_not_adopted_again() throws Exception {
        String serial = "SN-CHAIN-TWO-ACCOUNTS";
        claimedCamera(serial);
        String second = ocs1.bootstrapOwner("otto").apiKey();
        String first = add(ocs1, ocs1Key, issue(mcs, mcsKey, serial, "share"));
        awaitConnected(ocs1, ocs1Key, first);
        UUID olivia = ocs1.database().accounts().findByName("olivia").orElseThrow().id();
        await().atMost(PATIENCE).until(() -> ocs1.database().devices().findBySerialNumber(serial)
                .flatMap(Device::owner).filter(olivia::equals).isPresent());

        String again = add(ocs1, second, issue(mcs, mcsKey, serial, "share"));
        awaitConnected(ocs1, second, again);

        await().atMost(PATIENCE).until(() -> audit(ocs1, serial).contains(HeldCameras.AUDIT_ADOPTION_REFUSED));
        assertThat(ocs1.database().devices().findBySerialNumber(serial).orElseThrow().owner()).contains(olivia);
        HttpResponse<String> refused = post(ocs1, "/api/v1/devices/" + serial + "/share-tokens", second,
                "{\"mode\":\"share\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(post(ocs1, "/api/v1/devices/" + serial + "/share-tokens", ocs1Key, "{\"mode\":\"share\"}")
                .statusCode()).isEqualTo(201);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<String> audit(CloudNode node, String subject) {
        return node.database().auditLog().find(AuditQuery.first(1000).withSubject(subject)).stream()
                .map(entry -> entry.event().action()).toList();
    }

    /** A camera on its factory uplink to the MCS, claimed there by the owner. */
    private Camera claimedCamera(String serial) throws Exception {
        IssuedCredential birth = pki.issueBirthCertificate("Acme", "CloudCam 1", serial);
        Camera camera = Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", serial,
                        "HW-1"))
                .dataDirectory(directory.resolve("camera-" + serial)).reconnectSchedule(QUICK)
                .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                        Optional.of(mcs.uplinkUri()), List.of(pki.localCaCertificate())))
                .build().start();
        cameras.add(camera);
        await().atMost(PATIENCE).until(() -> mcs.role(ProvisioningRole.class).orElseThrow().registry()
                .isOnline(serial));
        await().atMost(PATIENCE).until(() -> post(mcs, "/api/v1/devices/" + serial + "/claim", mcsKey,
                "{\"claimCode\":\"" + claimCodes.claimCode(serial) + "\"}").statusCode() == 200);
        return camera;
    }

    /** A share token issued by {@code node}'s owner for the camera. */
    private String issue(CloudNode node, String apiKey, String serial, String mode) throws Exception {
        HttpResponse<String> issued = post(node, "/api/v1/devices/" + serial + "/share-tokens", apiKey,
                "{\"mode\":\"" + mode + "\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body()).get("shareToken").asText();
    }

    /** Adds the camera to {@code node} by share token; its id there. */
    private String add(CloudNode node, String apiKey, String shareToken) throws Exception {
        HttpResponse<String> added = post(node, "/api/v1/cameras", apiKey,
                "{\"shareTokens\":[\"" + shareToken + "\"]}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(added.body()).get("results").get(0);
        assertThat(result.has("camera")).as(result.toString()).isTrue();
        return result.get("camera").get("id").asText();
    }

    private void awaitConnected(CloudNode node, String apiKey, String id) {
        await().atMost(PATIENCE).until(() -> camera(node, apiKey, id).get("state").asText(), "connected"::equals);
    }

    private JsonNode camera(CloudNode node, String apiKey, String id) throws Exception {
        return JSON.readTree(send(node, "GET", "/api/v1/cameras/" + id, apiKey, null).body());
    }

    /** A client-credentials token request with {@code configuration}'s client and the camera's key for it. */
    private HttpResponse<String> tokenRequest(CloudNode node, Camera camera,
                                              AuthorizationServerConfigurationData configuration) throws Exception {
        KeyID keyId = configuration.keyID().orElseThrow();
        KeyPair key = camera.state().key(keyId).flatMap(StoredKey::keyPair).orElseThrow();
        String assertion = new ClientAssertionIssuer(configuration.clientID().orElseThrow(), keyId.value(),
                key.getPrivate(), Clock.systemUTC()).create(node.apiUri() + "/oauth2/token").serialized();
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(node.apiUri().resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<URI> authorizationServers(Camera camera) {
        return camera.state().authorizationServers().values().stream()
                .map(AuthorizationServerConfigurationData::serverUri).collect(Collectors.toSet());
    }

    private static List<SharingOperation> operations(CloudNode node, String serial) {
        Device device = node.database().devices().findBySerialNumber(serial).orElseThrow();
        return node.database().sharingOperations().findByDevice(device.id());
    }

    private HttpResponse<String> post(CloudNode node, String path, String apiKey, String body) throws Exception {
        return send(node, "POST", path, apiKey, body);
    }

    private HttpResponse<String> send(CloudNode node, String method, String path, String apiKey, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.apiUri().resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Authorization", "Bearer " + apiKey);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
