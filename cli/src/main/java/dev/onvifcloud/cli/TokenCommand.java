package dev.onvifcloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenClaims;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onvif-cloud token}: share tokens (section 4.3 of the Cloud Integration Specification). */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Create signing keys, issue, inspect and verify share tokens.",
        subcommands = {
            TokenCommand.Keygen.class,
            TokenCommand.Issue.class,
            TokenCommand.Inspect.class,
            TokenCommand.Verify.class
        })
final class TokenCommand extends CommandGroup {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description = {
                "Generate an ES256 (P-256) signing key for share tokens. The private JWK goes to --out (mode 0600);",
                "the public JWK set, to publish at /.well-known/jwks.json or give to verifiers, goes to stdout."
            })
    static final class Keygen implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private JWK.")
        Path out;

        @Option(names = "--kid", paramLabel = "KID",
                description = "Key id (default: the key's RFC 7638 thumbprint).")
        String keyId;

        @Override
        public Integer call() throws Exception {
            ECKeyGenerator generator = new ECKeyGenerator(Curve.P_256);
            generator.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256);
            if (keyId != null) {
                generator.keyID(keyId);
            } else {
                generator.keyIDFromThumbprint(true);
            }
            ECKey key = generator.generate();
            Files.writeSecret(out, key.toJSONString() + "\n");
            spec.commandLine().getOut().println(PublicJwkSet.of(key).toJson());
            return 0;
        }
    }

    @Command(
            name = "issue",
            mixinStandardHelpOptions = true,
            description = "Issue a share token for a camera, signed with a key made by 'token keygen'. Prints the token.")
    static final class Issue implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private P-256 JWK with a kid.")
        String keyFile;

        @Option(names = "--issuer", required = true, paramLabel = "ISS", description = "iss: this provisioning cloud.")
        String issuer;

        @Option(names = "--xaddr", required = true, paramLabel = "URI",
                description = "onvif:xaddr: the https URI where this cloud accepts startDeviceSharing.")
        URI xaddr;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "onvif:sn: the camera's serial number.")
        String serialNumber;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "onvif:model.")
        String model;

        @Option(names = "--manufacturer", required = true, paramLabel = "NAME", description = "onvif:manufacturer.")
        String manufacturer;

        @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "PT15M",
                converter = DurationConverter.class,
                description = "How long the token is valid: ISO-8601 (PT15M) or 90s, 15m, 2h, 1d (default: 15m).")
        Duration lifetime;

        @Override
        public Integer call() {
            ECKey key = readSigningKey(Files.readText(keyFile, System.in), keyFile);
            ShareTokenIssuer tokenIssuer;
            ShareToken token;
            try {
                tokenIssuer = new ShareTokenIssuer(key, issuer, Clock.systemUTC());
                token = tokenIssuer.issue(xaddr, serialNumber, model, manufacturer, lifetime);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.failed(e.getMessage());
            }
            spec.commandLine().getOut().println(token.serialized());
            return 0;
        }

        private static ECKey readSigningKey(String json, String source) {
            try {
                JWK jwk = JWK.parse(json);
                if (!(jwk instanceof ECKey ec) || !ec.isPrivate()) {
                    throw CommandFailure.failed(source + " is not a private EC JWK");
                }
                return ec;
            } catch (ParseException e) {
                throw CommandFailure.failed(source + " is not a JWK: " + e.getMessage());
            }
        }
    }

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = {
                "Show a token's header and claims WITHOUT verifying it (use 'token verify' for that).",
                "Times are shown in ISO-8601 next to the numeric dates."
            })
    static final class Inspect implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The token, or '-' to read it from standard input.")
        String token;

        @Override
        public Integer call() throws IOException {
            String compact = ("-".equals(token) ? Files.readText("-", System.in) : token).strip();
            String[] parts = compact.split("\\.", -1);
            if (parts.length != 3) {
                throw CommandFailure.rejected("not a compact JWS: expected 3 dot-separated parts, found " + parts.length);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("NOT VERIFIED: this shows what the token says, not whether it is genuine.");
            out.println("header:");
            out.println(JSON.writeValueAsString(decodePart(parts[0], "header")));
            JsonNode claims = decodePart(parts[1], "payload");
            out.println("claims:");
            out.println(JSON.writeValueAsString(claims));
            for (String name : new String[] {"iat", "nbf", "exp"}) {
                JsonNode value = claims.get(name);
                if (value != null && value.canConvertToLong()) {
                    Instant at = Instant.ofEpochSecond(value.asLong());
                    out.printf("%s: %s%n", name, at);
                }
            }
            JsonNode exp = claims.get("exp");
            if (exp != null && exp.canConvertToLong() && Instant.ofEpochSecond(exp.asLong()).isBefore(Instant.now())) {
                out.println("note: the token has expired");
            }
            return 0;
        }

        private static JsonNode decodePart(String part, String name) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(part);
                JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
                if (node == null || !node.isObject()) {
                    throw CommandFailure.rejected("the " + name + " is not a JSON object");
                }
                return node;
            } catch (IllegalArgumentException e) {
                throw CommandFailure.rejected("the " + name + " is not base64url");
            } catch (IOException e) {
                throw CommandFailure.rejected("the " + name + " is not JSON");
            }
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Verify a share token: signature by a key of the given JWK set, algorithm, type, times, lifetime,",
                "required claims and (optionally) issuer. Exit 0 and the claims if valid; exit 1 and the reason if not."
            })
    static final class Verify implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--jwks", required = true, paramLabel = "FILE|URL",
                description = "The issuer's public JWK set: a file, or an https URL such as https://mcs.example/.well-known/jwks.json.")
        String jwks;

        @Option(names = "--ca", paramLabel = "FILE",
                description = "PEM CA certificate(s) to trust for an https --jwks URL instead of the JDK's default trust store.")
        Path caFile;

        @Option(names = "--issuer", paramLabel = "ISS", description = "Require this iss.")
        String issuer;

        @Option(names = "--max-clock-skew", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Tolerated clock difference (default: 60s, at most 5m).")
        Duration maxClockSkew;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The token, or '-' to read it from standard input.")
        String token;

        @Override
        public Integer call() {
            String compact = ("-".equals(token) ? Files.readText("-", System.in) : token).strip();
            PublicJwkSet keys;
            try {
                keys = PublicJwkSet.parse(JwksSource.load(jwks, caFile));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.failed("unusable JWK set from " + jwks + ": " + e.getMessage());
            }
            ShareTokenPolicy policy = ShareTokenPolicy.defaults();
            try {
                if (issuer != null) {
                    policy = policy.withExpectedIssuer(issuer);
                }
                if (maxClockSkew != null) {
                    policy = policy.withMaxClockSkew(maxClockSkew);
                }
            } catch (IllegalArgumentException e) {
                throw CommandFailure.failed(e.getMessage());
            }
            ShareTokenVerifier verifier = new ShareTokenVerifier(keys, policy, Clock.systemUTC());
            try {
                ShareTokenClaims claims = verifier.verify(compact).claims();
                PrintWriter out = spec.commandLine().getOut();
                out.println("valid");
                for (Map.Entry<String, Object> claim : Map.<String, Object>of(
                                "iss", claims.issuer(),
                                "jti", claims.jwtId(),
                                "iat", claims.issuedAt(),
                                "exp", claims.expiresAt(),
                                ShareTokenClaims.XADDR, claims.xaddr(),
                                ShareTokenClaims.SERIAL_NUMBER, claims.serialNumber(),
                                ShareTokenClaims.MODEL, claims.model(),
                                ShareTokenClaims.MANUFACTURER, claims.manufacturer())
                        .entrySet()
                        .stream()
                        .sorted(Map.Entry.comparingByKey())
                        .toList()) {
                    out.printf("%-19s %s%n", claim.getKey() + ":", claim.getValue());
                }
                return 0;
            } catch (TokenRejectedException e) {
                String claim = e.claim().map(name -> " (" + name + ")").orElse("");
                throw CommandFailure.rejected("rejected: " + e.reason() + claim);
            }
        }
    }
}
