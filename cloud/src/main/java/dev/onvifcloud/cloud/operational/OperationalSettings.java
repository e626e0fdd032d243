package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.RetrySchedule;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.csr.KeyType;
import dev.onvifcloud.security.jose.PublicJwkSet;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Operational Cloud Service role needs to know, given by whoever wires it (the library reads no file
 * or environment variable). Build it with {@link #builder()}.
 *
 * @param uplinkAddress where cameras connect their uplink ({@code wss://} or {@code https://}), sent as
 *     {@code uplinkConfiguration.remoteAddress}
 * @param authorizationServer our authorization server's issuer (its RFC 8414 metadata is under it), sent as
 *     {@code authorizationServerConfiguration.serverUri}
 * @param endpointBaseUrls our HTTPS base URLs, each with {@value OperationalApi#DEVICE_SHARING_COMPLETED} appended
 *     sent as {@code endpointReferences}; the PCS posts to exactly those URLs
 * @param tlsCaCertificate the CA of our TLS server certificates (uplink and authorization server), sent as the
 *     trust anchor of the certification path validation policy
 * @param userLevel the level granted to requests through the uplink
 * @param scope the scope cameras request, if any
 * @param policyAlias the alias of the one certification path validation policy we send
 * @param batchSize at most this many cameras per {@code startDeviceSharing} request
 * @param retrySchedule backoff between {@code startDeviceSharing} attempts, and when to give up (counted from when
 *     the camera was added)
 * @param trustedIssuers when not empty: only share tokens of these PCSs ({@code iss}), signed by one of their
 *     keys, are accepted
 * @param addressPolicy where we agree to send {@code startDeviceSharing} ({@code onvif:xaddr})
 * @param httpTrustAnchors the CAs trusted for the PCSs' TLS certificates; empty: the JDK's
 * @param acceptedKeyFamilies the key types a camera may register through {@code deviceSharingCompleted}
 * @param connectTimeout connecting to a PCS
 * @param requestTimeout TLS handshake, request and response of one {@code startDeviceSharing}
 * @param maxResponseBytes the most of a PCS's response body that is read
 * @param leaseDuration how long a requester holds the cameras it claimed
 * @param pollInterval how often the requester looks for due cameras
 * @param leaseOwner how this node's requester names itself in leases
 * @param cameraRequestTimeout a request to a camera through its uplink (identity check, pass-through)
 * @param maxSoapBytes the largest SOAP envelope passed through, either way
 * @param maxShareTokensPerRequest the most share tokens one add request may carry
 * @param clock the current time
 */
public record OperationalSettings(
        URI uplinkAddress,
        URI authorizationServer,
        List<URI> endpointBaseUrls,
        X509Certificate tlsCaCertificate,
        UserLevel userLevel,
        Optional<String> scope,
        String policyAlias,
        int batchSize,
        RetrySchedule retrySchedule,
        Map<String, PublicJwkSet> trustedIssuers,
        OutboundAddressPolicy addressPolicy,
        List<X509Certificate> httpTrustAnchors,
        Set<KeyType.Family> acceptedKeyFamilies,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxResponseBytes,
        Duration leaseDuration,
        Duration pollInterval,
        String leaseOwner,
        Duration cameraRequestTimeout,
        int maxSoapBytes,
        int maxShareTokensPerRequest,
        Clock clock) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 1000;
    public static final int DEFAULT_MAX_SHARE_TOKENS_PER_REQUEST = 1000;
    /** 10 s, doubling, at most 10 min apart, for 24 h. */
    public static final RetrySchedule DEFAULT_RETRY_SCHEDULE =
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10), Duration.ofHours(24));

    /** Validated by {@link Builder#build()}, which names every problem; here only presence and copies. */
    public OperationalSettings {
        Objects.requireNonNull(uplinkAddress, "uplinkAddress");
        Objects.requireNonNull(authorizationServer, "authorizationServer");
        endpointBaseUrls = List.copyOf(endpointBaseUrls);
        Objects.requireNonNull(tlsCaCertificate, "tlsCaCertificate");
        Objects.requireNonNull(userLevel, "userLevel");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(policyAlias, "policyAlias");
        Objects.requireNonNull(retrySchedule, "retrySchedule");
        trustedIssuers = Map.copyOf(trustedIssuers);
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        httpTrustAnchors = List.copyOf(httpTrustAnchors);
        acceptedKeyFamilies = Set.copyOf(acceptedKeyFamilies);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(cameraRequestTimeout, "cameraRequestTimeout");
        Objects.requireNonNull(clock, "clock");
        List<String> problems = problems(uplinkAddress, authorizationServer, endpointBaseUrls, policyAlias, scope,
                batchSize, acceptedKeyFamilies, List.of(connectTimeout, requestTimeout, leaseDuration, pollInterval,
                        cameraRequestTimeout), maxResponseBytes, leaseOwner, maxSoapBytes, maxShareTokensPerRequest);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The URLs sent as {@code endpointReferences}: each base URL with the route's path appended. */
    public List<URI> endpointReferences() {
        return endpointBaseUrls.stream().map(base -> {
            String text = base.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return URI.create(text + OperationalApi.DEVICE_SHARING_COMPLETED);
        }).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<String> problems(URI uplink, URI server, List<URI> bases, String alias, Optional<String> scope,
            int batchSize, Set<KeyType.Family> families, List<Duration> durations, int maxResponseBytes,
            String leaseOwner, int maxSoapBytes, int maxTokens) {
        List<String> problems = new ArrayList<>();
        if (!hasScheme(uplink, "wss") && !hasScheme(uplink, "https")) {
            problems.add("uplinkAddress must be a wss or https URI with a host");
        }
        if (!hasScheme(server, "https")) {
            problems.add("authorizationServer must be an https URI with a host");
        }
        if (bases.isEmpty()) {
            problems.add("endpointBaseUrls must hold at least one URL");
        }
        for (URI base : bases) {
            if (!hasScheme(base, "https") || base.getRawQuery() != null || base.getRawFragment() != null) {
                problems.add("endpointBaseUrls must be https URLs with a host, without query or fragment: " + base);
            }
        }
        if (alias.isBlank() || alias.length() > 64) {
            problems.add("policyAlias must be 1 to 64 characters, not blank");
        }
        if (scope.isPresent() && scope.get().isBlank()) {
            problems.add("scope must not be blank");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add("batchSize must be 1 to " + MAX_BATCH_SIZE);
        }
        if (families.isEmpty()) {
            problems.add("acceptedKeyFamilies must name at least one key family");
        }
        if (durations.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            problems.add("timeouts, leaseDuration and pollInterval must be positive");
        }
        if (maxResponseBytes < 1024) {
            problems.add("maxResponseBytes must be at least 1024");
        }
        if (leaseOwner.isBlank() || leaseOwner.length() > 128) {
            problems.add("leaseOwner must be 1 to 128 characters, not blank");
        }
        if (maxSoapBytes < 1024) {
            problems.add("maxSoapBytes must be at least 1024");
        }
        if (maxTokens < 1 || maxTokens > DEFAULT_MAX_SHARE_TOKENS_PER_REQUEST) {
            problems.add("maxShareTokensPerRequest must be 1 to " + DEFAULT_MAX_SHARE_TOKENS_PER_REQUEST);
        }
        return problems;
    }

    private static boolean hasScheme(URI uri, String scheme) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals(scheme)
                && uri.getHost() != null && uri.getRawUserInfo() == null;
    }

    /**
     * Builds the settings. Required: {@link #uplinkAddress}, {@link #authorizationServer},
     * {@link #endpointBaseUrls}, {@link #tlsCaCertificate}. Defaults: user level Administrator, no scope, alias
     * {@code onvif-cloud}, batches of {@value #DEFAULT_BATCH_SIZE}, {@link #DEFAULT_RETRY_SCHEDULE}, no trusted
     * issuers (tokens decoded, not verified), {@link OutboundAddressPolicy#strict()}, the JDK's trust anchors, EC and
     * RSA keys, 10 s to connect and 30 s per request, 64 KiB of response, 2 min leases, polling every second,
     * 30 s per camera request, 256 KiB SOAP envelopes, 1,000 tokens per request, the system clock.
     */
    public static final class Builder {

        private URI uplinkAddress;
        private URI authorizationServer;
        private List<URI> endpointBaseUrls = List.of();
        private X509Certificate tlsCaCertificate;
        private UserLevel userLevel = UserLevel.Administrator;
        private Optional<String> scope = Optional.empty();
        private String policyAlias = "onvif-cloud";
        private int batchSize = DEFAULT_BATCH_SIZE;
        private RetrySchedule retrySchedule = DEFAULT_RETRY_SCHEDULE;
        private Map<String, PublicJwkSet> trustedIssuers = Map.of();
        private OutboundAddressPolicy addressPolicy = OutboundAddressPolicy.strict();
        private List<X509Certificate> httpTrustAnchors = List.of();
        private Set<KeyType.Family> acceptedKeyFamilies = EnumSet.allOf(KeyType.Family.class);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 64 * 1024;
        private Duration leaseDuration = Duration.ofMinutes(2);
        private Duration pollInterval = Duration.ofSeconds(1);
        private String leaseOwner = "sharing-requester";
        private Duration cameraRequestTimeout = Duration.ofSeconds(30);
        private int maxSoapBytes = 256 * 1024;
        private int maxShareTokensPerRequest = DEFAULT_MAX_SHARE_TOKENS_PER_REQUEST;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder uplinkAddress(URI value) {
            this.uplinkAddress = value;
            return this;
        }

        public Builder authorizationServer(URI value) {
            this.authorizationServer = value;
            return this;
        }

        public Builder endpointBaseUrls(List<URI> value) {
            this.endpointBaseUrls = List.copyOf(value);
            return this;
        }

        public Builder tlsCaCertificate(X509Certificate value) {
            this.tlsCaCertificate = value;
            return this;
        }

        public Builder userLevel(UserLevel value) {
            this.userLevel = Objects.requireNonNull(value, "userLevel");
            return this;
        }

        public Builder scope(String value) {
            this.scope = Optional.of(value);
            return this;
        }

        public Builder policyAlias(String value) {
            this.policyAlias = Objects.requireNonNull(value, "policyAlias");
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder retrySchedule(RetrySchedule value) {
            this.retrySchedule = Objects.requireNonNull(value, "retrySchedule");
            return this;
        }

        /** Verifies share tokens: only these issuers, with their keys. */
        public Builder trustedIssuers(Map<String, PublicJwkSet> value) {
            this.trustedIssuers = Map.copyOf(value);
            return this;
        }

        public Builder addressPolicy(OutboundAddressPolicy value) {
            this.addressPolicy = Objects.requireNonNull(value, "addressPolicy");
            return this;
        }

        /** Trusts only these CAs for the PCSs' certificates, instead of the JDK's. */
        public Builder httpTrustAnchors(List<X509Certificate> value) {
            this.httpTrustAnchors = List.copyOf(value);
            return this;
        }

        public Builder acceptedKeyFamilies(Set<KeyType.Family> value) {
            this.acceptedKeyFamilies = Set.copyOf(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        public Builder maxResponseBytes(int value) {
            this.maxResponseBytes = value;
            return this;
        }

        public Builder leaseDuration(Duration value) {
            this.leaseDuration = Objects.requireNonNull(value, "leaseDuration");
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        public Builder leaseOwner(String value) {
            this.leaseOwner = Objects.requireNonNull(value, "leaseOwner");
            return this;
        }

        public Builder cameraRequestTimeout(Duration value) {
            this.cameraRequestTimeout = Objects.requireNonNull(value, "cameraRequestTimeout");
            return this;
        }

        public Builder maxSoapBytes(int value) {
            this.maxSoapBytes = value;
            return this;
        }

        public Builder maxShareTokensPerRequest(int value) {
            this.maxShareTokensPerRequest = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @throws IllegalStateException naming every missing or invalid setting */
        public OperationalSettings build() {
            List<String> missing = new ArrayList<>();
            if (uplinkAddress == null) {
                missing.add("uplinkAddress is required");
            }
            if (authorizationServer == null) {
                missing.add("authorizationServer is required");
            }
            if (tlsCaCertificate == null) {
                missing.add("tlsCaCertificate is required");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(String.join("; ", missing));
            }
            try {
                return new OperationalSettings(uplinkAddress, authorizationServer, endpointBaseUrls, tlsCaCertificate,
                        userLevel, scope, policyAlias, batchSize, retrySchedule, trustedIssuers, addressPolicy,
                        httpTrustAnchors, acceptedKeyFamilies, connectTimeout, requestTimeout, maxResponseBytes,
                        leaseDuration, pollInterval, leaseOwner, cameraRequestTimeout, maxSoapBytes,
                        maxShareTokensPerRequest, clock);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
