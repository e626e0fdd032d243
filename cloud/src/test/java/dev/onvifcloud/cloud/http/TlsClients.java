package dev.onvifcloud.cloud.http;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Test clients that trust only the run's local CA: never trust-all. */
public final class TlsClients {

    private TlsClients() {
    }

    public static SSLContext trusting(X509Certificate trustAnchor) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("local-ca", trustAnchor);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpClient httpClient(X509Certificate trustAnchor, HttpClient.Version version) {
        return HttpClient.newBuilder()
                .sslContext(trusting(trustAnchor))
                .version(version)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
