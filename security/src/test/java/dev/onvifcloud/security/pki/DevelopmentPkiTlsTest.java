package dev.onvifcloud.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/** Real JDK TLS handshakes on loopback with certificates from the development PKI (the JDK checks real time). */
class DevelopmentPkiTlsTest {

    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    static final IssuedCredential SERVER = PKI.issueServerCertificate("cloud-a");
    static final IssuedCredential CAMERA = PKI.issueBirthCertificate("Acme Cameras", "AC-100", "SN-0042");
    static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    /** What each side saw; a side that failed holds its exception, the server also the client's leaf if any. */
    record Outcome(Optional<Exception> server, Optional<Exception> client, Optional<X509Certificate> clientLeaf) {
    }

    @Test
    void client_trusting_the_local_ca_accepts_the_server_for_localhost() throws Exception {
        Outcome outcome = handshake(context(SERVER, null), false, context(null, PKI.localCaCertificate()),
                "localhost");

        assertThat(outcome.client()).isEmpty();
        assertThat(outcome.server()).isEmpty();
    }

    @Test
    void client_trusting_the_local_ca_accepts_the_server_for_127_0_0_1() throws Exception {
        Outcome outcome = handshake(context(SERVER, null), false, context(null, PKI.localCaCertificate()),
                "127.0.0.1");

        assertThat(outcome.client()).isEmpty();
        assertThat(outcome.server()).isEmpty();
    }

    @Test
    void client_rejects_a_server_certificate_for_another_host() throws Exception {
        IssuedCredential other = PKI.issueServerCertificate("cloud-b", List.of("cloud-b.example"),
                List.of());

        Outcome outcome = handshake(context(other, null), false, context(null, PKI.localCaCertificate()),
                "localhost");

        assertThat(outcome.client().orElseThrow()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateException.class);
    }

    @Test
    void client_trusting_only_the_manufacturer_ca_rejects_the_server() throws Exception {
        Outcome outcome = handshake(context(SERVER, null), false,
                context(null, PKI.manufacturerCaCertificate()), "localhost");

        assertThat(outcome.client().orElseThrow()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void server_trusting_the_manufacturer_ca_accepts_a_camera_birth_certificate() throws Exception {
        Outcome outcome = handshake(context(SERVER, PKI.manufacturerCaCertificate()), true,
                context(CAMERA, PKI.localCaCertificate()), "localhost");

        assertThat(outcome.server()).isEmpty();
        assertThat(outcome.client()).isEmpty();
        assertThat(outcome.clientLeaf().flatMap(BirthCertificate::serialNumber)).contains("SN-0042");
    }

    @Test
    void server_trusting_only_the_local_ca_rejects_a_camera_birth_certificate() throws Exception {
        Outcome outcome = handshake(context(SERVER, PKI.localCaCertificate()), true,
                context(CAMERA, PKI.localCaCertificate()), "localhost");

        assertThat(outcome.server().orElseThrow()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
        assertThat(outcome.client()).isPresent();
        assertThat(outcome.clientLeaf()).isEmpty();
    }

    /**
     * A TLS context presenting {@code credential} (if any) and trusting only {@code trustAnchor} (if any). The
     * credential is presented whatever CA names the peer asks for, as a camera with a single birth certificate does,
     * so that the peer's path validation decides.
     */
    static SSLContext context(IssuedCredential credential, X509Certificate trustAnchor) throws Exception {
        KeyManager[] keyManagers = credential == null ? new KeyManager[0]
                : new KeyManager[] {new SingleCredentialKeyManager(credential)};
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        if (trustAnchor != null) {
            anchors.setCertificateEntry("anchor", trustAnchor);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** Always offers its one credential, for server and client authentication alike. */
    static final class SingleCredentialKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "credential";
        private final IssuedCredential credential;

        SingleCredentialKeyManager(IssuedCredential credential) {
            this.credential = credential;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return credential.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return credential.privateKey();
        }
    }

    /**
     * One connection on loopback: the client connects to the loopback address but names {@code host} for server name
     * indication and HTTPS endpoint identification. After the handshake the server sends one byte and the client
     * echoes it, so that a certificate the server refuses (reported after the client's handshake in TLS 1.3) also
     * fails the client.
     */
    static Outcome handshake(SSLContext serverContext, boolean needClientAuth, SSLContext clientContext, String host)
            throws Exception {
        try (SSLServerSocket serverSocket = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serverSocket.setNeedClientAuth(needClientAuth);
            serverSocket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            CompletableFuture<Optional<X509Certificate>> server = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                    socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                    socket.startHandshake();
                    Optional<X509Certificate> clientLeaf = needClientAuth
                            ? Optional.of((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            : Optional.empty();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                    if (socket.getInputStream().read() != 42) {
                        throw new IOException("the client did not echo");
                    }
                    return clientLeaf;
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });

            Optional<Exception> clientFailure = Optional.empty();
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
                    SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                            .createSocket(plain, host, serverSocket.getLocalPort(), true)) {
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                int received = socket.getInputStream().read();
                if (received != 42) {
                    throw new SSLException("connection closed after the handshake: " + received);
                }
                socket.getOutputStream().write(received);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                clientFailure = Optional.of(e);
            }

            try {
                Optional<X509Certificate> clientLeaf = server.get(SOCKET_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
                return new Outcome(Optional.empty(), clientFailure, clientLeaf);
            } catch (ExecutionException e) {
                // CompletableFuture.get() unwraps the CompletionException: the cause is the server's IOException.
                return new Outcome(Optional.of((Exception) e.getCause()), clientFailure, Optional.empty());
            }
        }
    }
}
