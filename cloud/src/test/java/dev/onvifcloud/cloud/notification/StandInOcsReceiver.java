package dev.onvifcloud.cloud.notification;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The stand-in Operational Cloud Service receiving {@code deviceSharingCompleted}: a JDK HTTPS server on loopback
 * with a certificate of the run's development PKI for {@code ocs.test} and 127.0.0.1. Answers {@link #status}.
 */
public final class StandInOcsReceiver implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String path, String contentType, String body) {
    }

    public static final String PATH = "/onvif/deviceSharingCompleted";

    public final AtomicInteger status = new AtomicInteger(200);
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpsServer server;

    /** Listens on {@code port} (0: any free port). */
    public StandInOcsReceiver(IssuedCredential credential, int port) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(credential)));
        server.createContext(PATH, exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint by the name {@code ocs.test} (resolved by the tests' resolver to 127.0.0.1). */
    public URI endpoint() {
        return URI.create("https://ocs.test:" + port() + PATH);
    }

    private static SSLContext serverContext(IssuedCredential credential) {
        try {
            char[] password = "test".toCharArray();
            KeyStore keys = credential.toKeyStore(password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
