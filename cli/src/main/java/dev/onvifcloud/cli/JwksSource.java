package dev.onvifcloud.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Loads a JWK set document from a file or an https URL (never plain http: the keys decide what is trusted). */
final class JwksSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private JwksSource() {}

    static String load(String fileOrUrl, Path caFile) {
        if (fileOrUrl.startsWith("http://")) {
            throw CommandFailure.failed("refusing to fetch a JWK set over plain http: use https");
        }
        if (!fileOrUrl.startsWith("https://")) {
            return Files.readText(fileOrUrl, InputStream.nullInputStream());
        }
        URI uri;
        try {
            uri = URI.create(fileOrUrl);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.failed("not a URL: " + fileOrUrl);
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caFile != null) {
            client.sslContext(trusting(caFile));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json, application/jwk-set+json").GET().build();
        try {
            HttpResponse<InputStream> response = client.build().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw CommandFailure.failed(fileOrUrl + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(Files.MAX_INPUT_BYTES + 1);
                if (bytes.length > Files.MAX_INPUT_BYTES) {
                    throw CommandFailure.failed(fileOrUrl + " sent more than " + Files.MAX_INPUT_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw CommandFailure.failed("cannot fetch " + fileOrUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while fetching " + fileOrUrl);
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = java.nio.file.Files.newInputStream(caFile)) {
            Collection<? extends Certificate> anchors = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (anchors.isEmpty()) {
                throw CommandFailure.failed(caFile + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate anchor : anchors) {
                store.setCertificateEntry("ca-" + i++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw CommandFailure.failed("cannot read " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CommandFailure.failed(caFile + " is not a PEM certificate file: " + e.getMessage());
        }
    }
}
