package dev.onvifcloud.benchmarks.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.benchmarks.ThreadGroupsCpu;
import dev.onvifcloud.cloud.authorization.AuthorizationServer;
import dev.onvifcloud.cloud.authorization.AuthorizationServerSettings;
import dev.onvifcloud.cloud.http.RateLimit;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.security.jose.Ecdsa;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Grants per second and CPU per grant of {@code POST /oauth2/token} (client credentials with a
 * {@code private_key_jwt} client assertion): the real {@link AuthorizationServer} served by the real
 * {@link ApiServer} over HTTPS (development PKI minted per run), an H2 database in files under a temp directory.
 *
 * <p>This JVM is the server only. The clients run in a child JVM ({@link TokenClients}): each of
 * {@code --clients} threads is one registered client with its own P-256 key and one keep-alive HTTPS/1.1
 * connection, and signs a fresh assertion (new {@code jti}) for every request. The rate limit is configured to
 * its maximum ({@code burst 10000, 10000/s} per client) so that it never refuses a benchmark request.
 *
 * <p>Reported: grants/s and latency p50/p99 (as the clients see them), this process's CPU time per grant over the
 * measured window and what that makes per core ({@code 1 s / CPU per grant}), next to the floor measured in the
 * same run on one thread: one ES256 verify of a client assertion plus one ES256 sign of an access token
 * (Nimbus, nothing else). Loopback only; the child ends by itself.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.onvifcloud.benchmarks.token.TokenEndpointBenchmark \
 *     [--clients 8] [--warmup-seconds 10] [--seconds 20] [--floor-seconds 5] [--child-opts "-Xmx512m"] \
 *     [--profile /tmp/token.collapsed]
 * </pre>
 */
public final class TokenEndpointBenchmark {

    static final RateLimit BENCHMARK_RATE_LIMIT = new RateLimit(10_000, 10_000.0);
    private static final String UPLINK = "wss://localhost/uplink";

    private TokenEndpointBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "10"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int floorSeconds = Integer.parseInt(options.getOrDefault("floor-seconds", "5"));
        String childOpts = options.getOrDefault("child-opts", "-Xmx512m -XX:+UseG1GC");
        Optional<WindowProfile> profile = WindowProfile.load(Optional.ofNullable(options.get("profile")).map(Path::of));

        Path work = Files.createTempDirectory("token-bench");
        log("work directory %s; %s cores; load %s", work, Runtime.getRuntime().availableProcessors(), load());
        DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
        IssuedCredential credential = pki.issueServerCertificate("localhost");
        int port = freePort();
        URI issuer = URI.create("https://localhost:" + port);
        AuthorizationServerSettings settings = AuthorizationServerSettings.builder(issuer, URI.create(UPLINK))
                .rateLimit(BENCHMARK_RATE_LIMIT)
                .build();
        ExecutorService lookups = Executors.newFixedThreadPool(2, daemon("uplink-lookup"));
        try (Database database = Database.open(DatabaseSettings.h2(work.resolve("data")))) {
            AuthorizationServer authorization = AuthorizationServer.builder(settings)
                    .signingKey(newKey("as-key-1"))
                    .storage(database)
                    .lookupExecutor(lookups)
                    .build();
            Path clientsFile = work.resolve("clients.txt");
            Files.write(clientsFile, register(database, clients));
            Path caFile = work.resolve("ca.pem");
            Files.writeString(caFile, pem(pki.localCaCertificate().getEncoded()));
            try (ApiServer server = ApiServer.builder()
                    .settings(ApiServerSettings.loopback().withPort(port))
                    .tlsCredential(credential.privateKey(), credential.chain())
                    .routes(authorization.routes())
                    .build()
                    .start()) {
                log("token endpoint %s; %d clients, warm-up %d s, measured %d s, rate limit %s per client",
                        settings.tokenEndpoint(), clients, warmup, seconds, BENCHMARK_RATE_LIMIT);
                runClients(settings.tokenEndpoint(), caFile, clientsFile, warmup, seconds, childOpts, profile);
            }
        } finally {
            lookups.shutdownNow();
        }
        floor(floorSeconds);
        log("load at the end %s", load());
    }

    /** Starts the client JVM and measures this process's CPU time between its START and END lines. */
    private static void runClients(URI endpoint, Path caFile, Path clientsFile, int warmup, int seconds,
            String childOpts, Optional<WindowProfile> profile) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(childOpts.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TokenClients.class.getName(),
                endpoint.toString(), caFile.toString(), clientsFile.toString(), Integer.toString(warmup),
                Integer.toString(seconds)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long cpu0 = 0;
        long wall0 = 0;
        Map<String, Double> kinds0 = Map.of();
        Map<String, Double> kinds = Map.of();
        long cpu1 = 0;
        long wall1 = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(TokenClients.START)) {
                    if (profile.isPresent()) {
                        profile.get().start();
                    }
                    cpu0 = processCpuNanos();
                    wall0 = System.nanoTime();
                    kinds0 = ThreadGroupsCpu.snapshot();
                } else if (line.equals(TokenClients.END)) {
                    cpu1 = processCpuNanos();
                    wall1 = System.nanoTime();
                    kinds = ThreadGroupsCpu.between(kinds0, ThreadGroupsCpu.snapshot());
                    if (profile.isPresent()) {
                        profile.get().stop();
                    }
                } else if (line.startsWith(TokenClients.RESULT)) {
                    report(line, cpu1 - cpu0, wall1 - wall0, kinds);
                } else {
                    System.out.println(line);
                }
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("the client JVM failed: exit " + child.exitValue());
        }
    }

    /**
     * {@code RESULT grants=N errors=N p50us=N p99us=N p999us=N maxus=N seconds=S}, with this process's CPU, and the
     * same without the JIT compiler threads (still compiling after the warm-up on a busy machine: not a cost of a
     * grant). {@code kinds}: seconds of CPU per {@link ThreadGroupsCpu} kind over the window.
     */
    private static void report(String line, long cpuNanos, long wallNanos, Map<String, Double> kinds) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring(TokenClients.RESULT.length()).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        long grants = Long.parseLong(values.get("grants"));
        double wallSeconds = wallNanos / 1e9;
        double cpuPerGrantMicros = grants == 0 ? Double.NaN : cpuNanos / 1e3 / grants;
        log("RESULT token-endpoint grants=%d errors=%s grants/s=%.0f p50=%.2f ms p99=%.2f ms p99.9=%.2f ms "
                        + "max=%.2f ms | server CPU %.2f s of %.2f s wall (%.2f cores busy) = %.0f us/grant "
                        + "= %.0f grants/s per core (load %s)",
                grants, values.get("errors"), grants / wallSeconds,
                Long.parseLong(values.get("p50us")) / 1e3, Long.parseLong(values.get("p99us")) / 1e3,
                Long.parseLong(values.get("p999us")) / 1e3, Long.parseLong(values.get("maxus")) / 1e3,
                cpuNanos / 1e9, wallSeconds, cpuNanos / (double) wallNanos, cpuPerGrantMicros,
                1e6 / cpuPerGrantMicros, load());
        if (!kinds.isEmpty() && grants > 0) {
            double jit = kinds.getOrDefault(ThreadGroupsCpu.JIT, 0.0);
            double withoutJitMicros = (cpuNanos / 1e9 - jit) * 1e6 / grants;
            log("RESULT token-endpoint-without-jit server CPU by threads: JIT compilers %.2f s, GC %.2f s, the rest "
                            + "%.2f s | without the JIT %.0f us/grant = %.0f grants/s per core",
                    jit, kinds.getOrDefault(ThreadGroupsCpu.GC, 0.0), kinds.getOrDefault(ThreadGroupsCpu.OTHER, 0.0),
                    withoutJitMicros, 1e6 / withoutJitMicros);
        }
    }

    /**
     * The floor on one thread: Nimbus parses and verifies an ES256 client assertion, then signs and serializes an
     * ES256 access token, computing ECDSA with the same provider as the server ({@link Ecdsa}); CPU time of this
     * thread per pair.
     */
    private static void floor(int seconds) throws Exception {
        ECKey clientKey = newKey("client");
        ECKey serverKey = newKey("server");
        ClientAssertionIssuer assertions = new ClientAssertionIssuer("client-1", "client",
                clientKey.toECPrivateKey(), Clock.systemUTC());
        String[] pool = new String[1024];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = assertions.create("https://localhost/oauth2/token", Duration.ofMinutes(10)).serialized();
        }
        JWSVerifier verifier = Ecdsa.verifier(clientKey.toECPublicKey());
        JWSSigner signer = Ecdsa.signer(serverKey);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(serverKey.getKeyID()).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        floorRound(pool, verifier, signer, header, Math.max(2, seconds)); // warm-up, as long as the measurement
        long cpu0 = threads.getCurrentThreadCpuTime();
        long ops = floorRound(pool, verifier, signer, header, seconds);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        double micros = cpu / 1e3 / ops;
        log("RESULT floor (1 ES256 assertion verify + 1 ES256 access-token sign, one thread) ops=%d "
                + "cpu=%.1f us/op = %.0f ops/s per core (load %s)", ops, micros, 1e6 / micros, load());
    }

    private static long floorRound(String[] pool, JWSVerifier verifier, JWSSigner signer, JWSHeader header,
            int seconds) throws ParseException, JOSEException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long ops = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            SignedJWT assertion = SignedJWT.parse(pool[(int) (ops % pool.length)]);
            if (!assertion.verify(verifier)) {
                throw new IllegalStateException("floor: assertion did not verify");
            }
            Instant now = Instant.now();
            SignedJWT token = new SignedJWT(header, new JWTClaimsSet.Builder()
                    .issuer("https://localhost").subject("client-1").audience(UPLINK)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                    .jwtID(Long.toString(ops)).claim("client_id", "client-1").build());
            token.sign(signer);
            sink += token.serialize().length();
            ops++;
        }
        if (sink == 0) {
            throw new IllegalStateException("floor: nothing signed");
        }
        return ops;
    }

    /** Registers {@code count} clients; returns one line per client: its id and its private JWK. */
    private static List<String> register(Database database, int count) {
        List<String> lines = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String clientId = "bench-client-" + i;
            ECKey key = newKey("registered-" + i);
            database.clients().createPending(clientId, now);
            database.clients().registerKey(clientId, key.toPublicJWK().toJSONString(), now).value();
            lines.add(clientId + " " + key.toJSONString());
        }
        return lines;
    }

    private static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String format, Object... values) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), String.format(format, values));
    }

    /** {@code --name value} pairs. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
