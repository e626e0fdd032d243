package dev.onvifcloud.benchmarks.token;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient;
import dev.onvifcloud.security.assertion.ClientAssertion;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;

/**
 * The client JVM of {@link TokenEndpointBenchmark}: one thread per registered client, each with its own
 * keep-alive HTTPS/1.1 connection, posting {@code client_credentials} grants with a fresh client assertion each,
 * back to back. Prints {@value #START} and {@value #END} around the measured window, then one {@value #RESULT}
 * line.
 *
 * <p>Arguments: token endpoint, CA certificate (PEM), clients file (lines {@code clientId privateJwk}), warm-up
 * seconds, measured seconds.
 */
public final class TokenClients {

    static final String START = "MEASURE-START";
    static final String END = "MEASURE-END";
    static final String RESULT = "RESULT";

    private static volatile boolean measuring;
    private static volatile boolean stopped;

    private TokenClients() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))));
        List<String> clients = Files.readAllLines(Path.of(args[2]));
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        SSLContext tls = PinnedHttpsClient.trusting(List.of(ca));

        List<Client> running = new ArrayList<>();
        for (String line : clients) {
            int space = line.indexOf(' ');
            Client client = new Client(endpoint, tls, line.substring(0, space),
                    ECKey.parse(line.substring(space + 1)));
            running.add(client);
            client.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        System.out.println(START);
        System.out.flush();
        measuring = true;
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring = false;
        System.out.println(END);
        System.out.flush();
        stopped = true;
        Histogram all = new Histogram(3);
        long grants = 0;
        long errors = 0;
        for (Client client : running) {
            client.join(TimeUnit.SECONDS.toMillis(30));
            all.add(client.latencies);
            grants += client.grants;
            errors += client.errors;
        }
        System.out.printf("%s grants=%d errors=%d p50us=%d p99us=%d p999us=%d maxus=%d%n", RESULT, grants, errors,
                all.getValueAtPercentile(50), all.getValueAtPercentile(99), all.getValueAtPercentile(99.9),
                all.getMaxValue());
        System.out.flush();
        System.exit(0);
    }

    /** One registered client: its own key, its own connection, one request at a time. */
    private static final class Client extends Thread {

        private final URI endpoint;
        private final HttpClient http;
        private final ClientAssertionIssuer assertions;
        final Histogram latencies = new Histogram(3);
        long grants;
        long errors;

        Client(URI endpoint, SSLContext tls, String clientId, ECKey key) throws Exception {
            super("client-" + clientId);
            setDaemon(true);
            this.endpoint = endpoint;
            this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
            this.assertions = new ClientAssertionIssuer(clientId, key.getKeyID(), key.toECPrivateKey(),
                    Clock.systemUTC());
        }

        @Override
        public void run() {
            while (!stopped) {
                String body = "grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(ClientAssertion.ASSERTION_TYPE, StandardCharsets.UTF_8)
                        + "&client_assertion=" + assertions.create(endpoint.toString()).serialized();
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                boolean counted = measuring;
                long start = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                long micros = (System.nanoTime() - start) / 1000;
                if (counted && measuring) {
                    if (status == 200) {
                        grants++;
                        latencies.recordValue(micros);
                    } else {
                        errors++;
                    }
                }
            }
        }
    }
}
