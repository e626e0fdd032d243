package dev.onvifcloud.cloud.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.device.uplink.TokenClient;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.AuthenticationResult.Rejection;
import dev.onvifcloud.uplink.cloud.UplinkCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real camera token client gets a token from our server, and the uplink authenticator judges tokens. */
class UplinkAuthenticatorTest {

    @TempDir
    Path tempDir;

    private AuthorizationWorld world;

    @BeforeEach
    void start() {
        world = new AuthorizationWorld(tempDir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void the_camera_token_client_gets_a_token_that_the_uplink_accepts() throws Exception {
        ECKey key = world.registeredClient("camera-1");

        String token = tokenFromCamera(world.issuer(), "camera-1", key);

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.accepted("camera-1"));
    }

    @Test
    void the_camera_token_client_also_finds_the_metadata_at_the_openid_configuration_path() throws Exception {
        ECKey key = world.registeredClient("camera-1");

        String token = tokenFromCamera(URI.create(world.issuer() + "/.well-known/openid-configuration"),
                "camera-1", key);

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.accepted("camera-1"));
    }

    @Test
    void refuses_an_expired_token() throws Exception {
        String token = tokenFromCamera(world.issuer(), "camera-1", world.registeredClient("camera-1"));

        world.clock.advance(AccessTokenIssuer.DEFAULT_LIFETIME.plusMinutes(1));

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.rejected(Rejection.EXPIRED_TOKEN));
    }

    @Test
    void refuses_a_token_for_another_audience() throws Exception {
        world.registeredClient("camera-1");
        String token = new AccessTokenIssuer(world.signingKey, world.issuer().toString(), "wss://elsewhere/uplink",
                world.clock).issue("camera-1", Optional.empty()).serialized();

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.rejected(Rejection.INVALID_TOKEN));
    }

    @Test
    void refuses_a_token_signed_by_another_key() throws Exception {
        world.registeredClient("camera-1");
        String token = new AccessTokenIssuer(AuthorizationWorld.newKey("as-key-1"), world.issuer().toString(),
                AuthorizationWorld.UPLINK, world.clock).issue("camera-1", Optional.empty()).serialized();

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.rejected(Rejection.INVALID_TOKEN));
    }

    @Test
    void forbids_a_revoked_client_with_a_valid_token() throws Exception {
        String token = tokenFromCamera(world.issuer(), "camera-1", world.registeredClient("camera-1"));

        world.database.clients().revoke("camera-1", world.clock.instant());

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.rejected(Rejection.FORBIDDEN));
    }

    @Test
    void refuses_a_valid_token_of_a_client_that_is_not_registered() throws Exception {
        String token = new AccessTokenIssuer(world.signingKey, world.issuer().toString(), AuthorizationWorld.UPLINK,
                world.clock).issue("nobody", Optional.empty()).serialized();

        assertThat(authenticate(token)).isEqualTo(AuthenticationResult.rejected(Rejection.INVALID_TOKEN));
    }

    @Test
    void refuses_garbage_and_asks_for_credentials_when_there_are_none() throws Exception {
        assertThat(authenticate("garbage")).isEqualTo(AuthenticationResult.rejected(Rejection.INVALID_TOKEN));
        assertThat(world.authorizationServer.uplinkAuthenticator()
                .authenticate(new UplinkCredentials(Optional.empty(), List.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo(AuthenticationResult.rejected(Rejection.MISSING_CREDENTIALS));
    }

    @Test
    void looks_clients_up_on_the_executor_it_was_given_never_on_the_callers_thread() throws Exception {
        String token = tokenFromCamera(world.issuer(), "camera-1", world.registeredClient("camera-1"));
        Queue<Runnable> lookups = new ConcurrentLinkedQueue<>();
        AuthorizationServer server = AuthorizationServer.builder(
                        AuthorizationServerSettings.builder(world.issuer(), URI.create(AuthorizationWorld.UPLINK)).build())
                .signingKey(world.signingKey)
                .storage(world.database)
                .clock(world.clock)
                .lookupExecutor(lookups::add)
                .build();

        CompletableFuture<AuthenticationResult> result = server.uplinkAuthenticator()
                .authenticate(new UplinkCredentials(Optional.of(token), List.of()))
                .toCompletableFuture();

        assertThat(result).isNotDone();
        assertThat(lookups).hasSize(1);
        lookups.poll().run();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(AuthenticationResult.accepted("camera-1"));
    }

    private AuthenticationResult authenticate(String token) throws Exception {
        return world.authorizationServer.uplinkAuthenticator()
                .authenticate(new UplinkCredentials(Optional.of(token), List.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String tokenFromCamera(URI serverUri, String clientId, ECKey key) throws Exception {
        AuthorizationServerConfigurationData configuration = AuthorizationServerConfigurationData.privateKeyJwt(
                serverUri, clientId, new KeyID("KeyID-of-the-camera"), new CertificateID("cert-1"),
                Optional.empty(), Optional.empty());
        try (UplinkTransport transport = UplinkTransport.create(1);
             TokenClient client = new TokenClient(configuration, key.toECPrivateKey(),
                     List.of(world.pki.localCaCertificate()), world.clock, Duration.ofSeconds(30), transport,
                     ForkJoinPool.commonPool())) {
            return client.token(Optional.empty()).toCompletableFuture().get(20, TimeUnit.SECONDS).value();
        }
    }
}
