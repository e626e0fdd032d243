package dev.onvifcloud.device.service;

import dev.onvifcloud.device.DeviceLimits;
import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.device.soap.RequestContext;
import dev.onvifcloud.device.soap.ServiceImplementation;
import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.device.state.DeviceStore;
import dev.onvifcloud.device.state.StoredCertificate;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.security.jose.Ecdsa;
import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.AuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.Capabilities;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreateECCKeyPairResponse;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.CreatePKCS10CSRResponse;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicy;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.DeleteCertificate;
import dev.onvifcloud.soap.security.DeleteCertificateResponse;
import dev.onvifcloud.soap.security.DeleteKey;
import dev.onvifcloud.soap.security.DeleteKeyResponse;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPolicies;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPoliciesResponse;
import dev.onvifcloud.soap.security.GetAllCertificates;
import dev.onvifcloud.soap.security.GetAllCertificatesResponse;
import dev.onvifcloud.soap.security.GetAllKeys;
import dev.onvifcloud.soap.security.GetAllKeysResponse;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurations;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurationsResponse;
import dev.onvifcloud.soap.security.GetCertPathValidationPolicy;
import dev.onvifcloud.soap.security.GetCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.GetKeyStatus;
import dev.onvifcloud.soap.security.GetKeyStatusResponse;
import dev.onvifcloud.soap.security.GetServiceCapabilities;
import dev.onvifcloud.soap.security.GetServiceCapabilitiesResponse;
import dev.onvifcloud.soap.security.KeyAttribute;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.KeystoreCapabilities;
import dev.onvifcloud.soap.security.SetAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.SetAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.security.UploadCertificateResponse;
import dev.onvifcloud.soap.security.X509Certificate;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advanced security service (tas) as the cloud flow uses it: keystore (ECC key pairs generated
 * asynchronously, PKCS#10 CSRs, uploaded certificates), certification path validation policies and
 * authorization server configurations. Objects referenced by others cannot be deleted (ReferenceExists).
 */
public final class SecurityService implements ServiceImplementation {

    /** The elliptic curves of CreateECCKeyPair, by their IANA TLS Supported Groups description. */
    public static final List<String> ELLIPTIC_CURVES = List.of("secp256r1", "secp384r1", "secp521r1");

    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    private static final Duration ESTIMATED_CREATION_TIME = Duration.ofSeconds(1);

    private final DeviceStore store;
    private final DeviceLimits limits;
    private final Executor keyGeneration;
    private final String deviceSerial;

    /**
     * @param keyGeneration where key pairs are generated, after CreateECCKeyPair has answered
     */
    public SecurityService(DeviceStore store, DeviceLimits limits, Executor keyGeneration, String deviceSerial) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.keyGeneration = Objects.requireNonNull(keyGeneration, "keyGeneration");
        this.deviceSerial = Objects.requireNonNull(deviceSerial, "deviceSerial");
    }

    @Override
    public OnvifService service() {
        return OnvifService.ADVANCED_SECURITY;
    }

    @Override
    public CompletionStage<? extends SoapResponse> handle(IncomingRequest incoming, RequestContext context)
            throws ServiceFault {
        return CompletableFuture.completedFuture(answer(incoming.request()));
    }

    private SoapResponse answer(Object request) throws ServiceFault {
        if (request instanceof GetServiceCapabilities) {
            return new GetServiceCapabilitiesResponse(capabilities());
        } else if (request instanceof CreateECCKeyPair r) {
            return createEccKeyPair(r);
        } else if (request instanceof GetKeyStatus r) {
            return new GetKeyStatusResponse(key(store.state(), r.keyID()).status());
        } else if (request instanceof GetAllKeys) {
            return new GetAllKeysResponse(store.state().keys().values().stream().map(SecurityService::attribute)
                    .toList());
        } else if (request instanceof DeleteKey r) {
            return deleteKey(r.keyID());
        } else if (request instanceof CreatePKCS10CSR r) {
            return createCsr(r);
        } else if (request instanceof UploadCertificate r) {
            return uploadCertificate(r);
        } else if (request instanceof GetAllCertificates) {
            return new GetAllCertificatesResponse(store.state().certificates().values().stream()
                    .map(c -> certificate(store.state(), c)).toList());
        } else if (request instanceof DeleteCertificate r) {
            return deleteCertificate(r.certificateID());
        } else if (request instanceof CreateCertPathValidationPolicy r) {
            return createPolicy(r);
        } else if (request instanceof GetCertPathValidationPolicy r) {
            return new GetCertPathValidationPolicyResponse(policy(store.state(), r.certPathValidationPolicyID()));
        } else if (request instanceof GetAllCertPathValidationPolicies) {
            return new GetAllCertPathValidationPoliciesResponse(
                    List.copyOf(store.state().certPathValidationPolicies().values()));
        } else if (request instanceof DeleteCertPathValidationPolicy r) {
            return deletePolicy(r.certPathValidationPolicyID());
        } else if (request instanceof GetAuthorizationServerConfigurations r) {
            return getAuthorizationServers(r.token());
        } else if (request instanceof CreateAuthorizationServerConfiguration r) {
            return createAuthorizationServer(r.configuration());
        } else if (request instanceof SetAuthorizationServerConfiguration r) {
            return setAuthorizationServer(r.configuration());
        } else if (request instanceof DeleteAuthorizationServerConfiguration r) {
            return deleteAuthorizationServer(r.token());
        }
        throw new ServiceFault(dev.onvifcloud.soap.SoapFault.receiver("The operation is not implemented",
                Ter.ACTION_NOT_SUPPORTED));
    }

    /** tas:Capabilities as signalled. */
    public Capabilities capabilities() {
        AttributeSet keystore = AttributeSet.none()
                .with("MaximumNumberOfKeys", limits.maxKeys())
                .with("MaximumNumberOfCertificates", limits.maxCertificates())
                .with("ECCKeyPairGeneration", true)
                .with("KeyPairGeneration", List.of("ECC"))
                .with("EllipticCurves", ELLIPTIC_CURVES)
                .with("PKCS10", true)
                .with("X509Versions", List.of("3"))
                .with("MaximumNumberOfCertificationPathValidationPolicies", limits.maxCertPathValidationPolicies());
        AttributeSet authorizationServer = AttributeSet.none()
                .with("MaxConfigurations", limits.maxAuthorizationServerConfigurations())
                .with("ConfigurationTypesSupported", List.of(AuthorizationServerConfigurationType.OAuthClientCredentials.name()))
                .with("ClientAuthenticationMethodsSupported", List.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT.wireValue()));
        return new Capabilities(new KeystoreCapabilities(Pkcs10Signer.supportedAlgorithms(), keystore),
                AttributeSet.none(), Optional.empty(), Optional.of(authorizationServer), Optional.empty());
    }

    // ------------------------------------------------------------------------------------------ keys

    private CreateECCKeyPairResponse createEccKeyPair(CreateECCKeyPair request) throws ServiceFault {
        String curve = request.ellipticCurve().strip();
        if (!ELLIPTIC_CURVES.contains(curve)) {
            throw ServiceFault.invalidArgVal(Ter.UNSUPPORTED_ELLIPTIC_CURVE, "The elliptic curve is not supported");
        }
        KeyID id = store.update(state -> {
            if (state.keys().size() >= limits.maxKeys()) {
                throw ServiceFault.action(Ter.MAXIMUM_NUMBER_OF_KEYS_REACHED, "The keystore is full");
            }
            Map.Entry<String, DeviceState> fresh = state.newId("key-");
            KeyID keyID = new KeyID(fresh.getKey());
            return new DeviceStore.Result<>(fresh.getValue().withKey(StoredKey.generating(keyID, request.alias())),
                    keyID);
        });
        keyGeneration.execute(() -> generate(id, curve));
        return new CreateECCKeyPairResponse(id, ESTIMATED_CREATION_TIME);
    }

    /**
     * A fresh key pair on one of {@link #ELLIPTIC_CURVES}, as CreateECCKeyPair generates it: with Bouncy Castle
     * ({@link Ecdsa#provider()}, never registered globally), about 6 times faster than the JDK's SunEC on JDK 17,
     * and the CSR signer ({@link Pkcs10Signer}, Bouncy Castle too) uses its keys without conversion. The keys
     * encode as any EC key does (PKCS#8, X.509 SubjectPublicKeyInfo with the named curve), so they go wherever a
     * JDK key goes (client assertions, TLS client credentials, the state file).
     *
     * @throws GeneralSecurityException for a curve not in {@link #ELLIPTIC_CURVES}
     */
    public static KeyPair generateKeyPair(String ellipticCurve) throws GeneralSecurityException {
        if (!ELLIPTIC_CURVES.contains(ellipticCurve)) {
            throw new InvalidAlgorithmParameterException("unsupported elliptic curve " + ellipticCurve);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Ecdsa.provider());
        generator.initialize(new ECGenParameterSpec(ellipticCurve));
        return generator.generateKeyPair();
    }

    private void generate(KeyID id, String curve) {
        Optional<KeyPair> keyPair;
        try {
            keyPair = Optional.of(generateKeyPair(curve));
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.error("camera {}: cannot generate an {} key pair", deviceSerial, curve, e);
            keyPair = Optional.empty();
        }
        Optional<KeyPair> generated = keyPair;
        try {
            store.update(state -> {
                Optional<StoredKey> key = state.key(id).filter(k -> k.status() == KeyStatus.GENERATING);
                if (key.isEmpty()) { // deleted while generating: drop what was generated
                    return new DeviceStore.Result<>(state, null);
                }
                StoredKey done = generated.map(pair -> StoredKey.keyPair(id, key.get().alias(), pair))
                        .orElse(key.get().corrupt());
                return new DeviceStore.Result<>(state.withKey(done), null);
            });
        } catch (ServiceFault | RuntimeException e) { // outermost: the key stays generating until restart
            LOG.error("camera {}: cannot store the generated key {}", deviceSerial, id, e);
        }
    }

    private DeleteKeyResponse deleteKey(KeyID id) throws ServiceFault {
        return store.update(state -> {
            key(state, id);
            boolean referenced = state.certificates().values().stream().anyMatch(c -> c.keyId().equals(id))
                    || state.authorizationServers().values().stream()
                    .anyMatch(a -> a.keyID().map(id::equals).orElse(false));
            if (referenced) {
                throw ServiceFault.invalidArgVal(Ter.REFERENCE_EXISTS, "A certificate or configuration refers to the key");
            }
            return new DeviceStore.Result<>(state.withoutKey(id), new DeleteKeyResponse());
        });
    }

    private CreatePKCS10CSRResponse createCsr(CreatePKCS10CSR request) throws ServiceFault {
        StoredKey key = key(store.state(), request.keyID());
        if (key.status() != KeyStatus.OK) {
            throw ServiceFault.invalidArgVal(Ter.INVALID_KEY_STATUS, "The key is not ok");
        }
        KeyPair keyPair = key.keyPair().orElseThrow(() ->
                ServiceFault.invalidArgVal(Ter.INVALID_KEY_STATUS, "The key has no private key"));
        byte[] der = Pkcs10Signer.sign(keyPair, request.subject(), request.csrAttributes(),
                request.signatureAlgorithm());
        return new CreatePKCS10CSRResponse(new Base64DERencodedASN1Value(der));
    }

    private static StoredKey key(DeviceState state, KeyID id) throws ServiceFault {
        return state.key(id).orElseThrow(() -> ServiceFault.invalidArgVal(Ter.KEY_ID, "No key has this KeyID"));
    }

    private static KeyAttribute attribute(StoredKey key) {
        return new KeyAttribute(key.id(), key.alias(), Optional.of(key.privateKey().isPresent()), key.status(),
                Optional.of(key.externallyGenerated()), Optional.of(false));
    }

    // ------------------------------------------------------------------------------------------ certificates

    private UploadCertificateResponse uploadCertificate(UploadCertificate request) throws ServiceFault {
        java.security.cert.X509Certificate certificate = parse(request.certificate().der());
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals("EC") && !publicKey.getAlgorithm().equals("RSA")) {
            throw ServiceFault.invalidArgVal(Ter.UNSUPPORTED_PUBLIC_KEY_ALGORITHM,
                    "The certificate's public key algorithm is not supported");
        }
        if (!Pkcs10Signer.supportedAlgorithms().contains(
                dev.onvifcloud.soap.security.AlgorithmIdentifier.of(certificate.getSigAlgOID()))) {
            throw ServiceFault.invalidArgVal(Ter.UNSUPPORTED_SIGNATURE_ALGORITHM,
                    "The certificate's signature algorithm is not supported");
        }
        boolean privateKeyRequired = request.privateKeyRequired().orElse(false);
        return store.update(state -> {
            for (StoredCertificate stored : state.certificates().values()) {
                if (stored.certificate().equals(certificate)) {
                    throw ServiceFault.invalidArgVal(Ter.DUPLICATE, "The certificate is already stored");
                }
            }
            if (state.certificates().size() >= limits.maxCertificates()) {
                throw ServiceFault.action(Ter.MAXIMUM_NUMBER_OF_CERTIFICATES_REACHED, "The keystore is full");
            }
            Optional<StoredKey> matching = state.keys().values().stream()
                    .filter(k -> k.hasPublicKey(publicKey))
                    .filter(k -> !privateKeyRequired || k.privateKey().isPresent())
                    .findFirst();
            DeviceState next = state;
            KeyID keyID;
            if (matching.isPresent()) {
                if (matching.get().status() != KeyStatus.OK) {
                    throw ServiceFault.invalidArgVal(Ter.INVALID_KEY_STATUS, "The matching key is not ok");
                }
                keyID = matching.get().id();
            } else if (privateKeyRequired) {
                throw ServiceFault.action(Ter.NO_MATCHING_PRIVATE_KEY,
                        "No key pair holds the private key of the certificate");
            } else {
                if (state.keys().size() >= limits.maxKeys()) {
                    throw ServiceFault.action(Ter.MAXIMUM_NUMBER_OF_KEYS_REACHED, "The keystore is full");
                }
                Map.Entry<String, DeviceState> fresh = next.newId("key-");
                keyID = new KeyID(fresh.getKey());
                next = fresh.getValue().withKey(StoredKey.publicOnly(keyID, request.keyAlias(), publicKey));
            }
            Map.Entry<String, DeviceState> fresh = next.newId("certificate-");
            CertificateID id = new CertificateID(fresh.getKey());
            next = fresh.getValue().withCertificate(new StoredCertificate(id, keyID, request.alias(), certificate));
            return new DeviceStore.Result<>(next, new UploadCertificateResponse(id, keyID));
        });
    }

    private static java.security.cert.X509Certificate parse(byte[] der) throws ServiceFault {
        try {
            java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (certificate.getVersion() != 3) {
                throw ServiceFault.invalidArgVal(Ter.BAD_CERTIFICATE, "Only X.509 version 3 certificates are supported");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw ServiceFault.invalidArgVal(Ter.BAD_CERTIFICATE, "The certificate cannot be processed");
        }
    }

    private DeleteCertificateResponse deleteCertificate(CertificateID id) throws ServiceFault {
        return store.update(state -> {
            certificate(state, id);
            boolean referenced = state.certPathValidationPolicies().values().stream()
                    .anyMatch(p -> p.trustAnchors().contains(new TrustAnchor(id)))
                    || state.authorizationServers().values().stream()
                    .anyMatch(a -> a.certificateID().map(id::equals).orElse(false))
                    || state.uplinks().values().stream()
                    .anyMatch(u -> u.certificateID().map(id.value()::equals).orElse(false));
            if (referenced) {
                throw ServiceFault.invalidArgVal(Ter.REFERENCE_EXISTS,
                        "A policy, configuration or uplink refers to the certificate");
            }
            return new DeviceStore.Result<>(state.withoutCertificate(id), new DeleteCertificateResponse());
        });
    }

    private static StoredCertificate certificate(DeviceState state, CertificateID id) throws ServiceFault {
        return state.certificate(id).orElseThrow(() ->
                ServiceFault.invalidArgVal(Ter.CERTIFICATE_ID, "No certificate has this CertificateID"));
    }

    private static X509Certificate certificate(DeviceState state, StoredCertificate stored) {
        try {
            boolean privateKey = state.key(stored.keyId()).flatMap(StoredKey::privateKey).isPresent();
            return new X509Certificate(stored.id(), stored.keyId(), stored.alias(),
                    new Base64DERencodedASN1Value(stored.certificate().getEncoded()), Optional.of(privateKey));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ policies

    private CreateCertPathValidationPolicyResponse createPolicy(CreateCertPathValidationPolicy request)
            throws ServiceFault {
        if (request.parameters().useDeltaCRLs().orElse(false)) {
            throw ServiceFault.invalidArgVal(Ter.CERT_PATH_VALIDATION_PARAMETERS, "CRLs are not supported");
        }
        return store.update(state -> {
            if (state.certPathValidationPolicies().size() >= limits.maxCertPathValidationPolicies()) {
                throw ServiceFault.action(Ter.MAXIMUM_NUMBER_OF_CERT_PATH_VALIDATION_POLICIES_REACHED,
                        "No room for another certification path validation policy");
            }
            for (TrustAnchor anchor : request.trustAnchors()) {
                certificate(state, anchor.certificateID());
            }
            Map.Entry<String, DeviceState> fresh = state.newId("policy-");
            CertPathValidationPolicyID id = new CertPathValidationPolicyID(fresh.getKey());
            CertPathValidationPolicy policy = new CertPathValidationPolicy(id, request.alias(), request.parameters(),
                    request.trustAnchors());
            return new DeviceStore.Result<>(fresh.getValue().withPolicy(policy),
                    new CreateCertPathValidationPolicyResponse(id));
        });
    }

    private DeleteCertPathValidationPolicyResponse deletePolicy(CertPathValidationPolicyID id) throws ServiceFault {
        return store.update(state -> {
            policy(state, id);
            boolean referenced = state.authorizationServers().values().stream()
                    .anyMatch(a -> a.certPathValidationPolicyID().map(id::equals).orElse(false))
                    || state.uplinks().values().stream()
                    .anyMatch(u -> u.certPathValidationPolicyID().map(id.value()::equals).orElse(false));
            if (referenced) {
                throw ServiceFault.invalidArgVal(Ter.REFERENCE_EXISTS,
                        "A configuration or uplink refers to the policy");
            }
            return new DeviceStore.Result<>(state.withoutPolicy(id), new DeleteCertPathValidationPolicyResponse());
        });
    }

    private static CertPathValidationPolicy policy(DeviceState state, CertPathValidationPolicyID id)
            throws ServiceFault {
        return state.certPathValidationPolicy(id).orElseThrow(() -> ServiceFault.invalidArgVal(
                Ter.CERT_PATH_VALIDATION_POLICY_ID, "No policy has this CertPathValidationPolicyID"));
    }

    // ------------------------------------------------------------------------------------------ authorization servers

    private GetAuthorizationServerConfigurationsResponse getAuthorizationServers(Optional<ReferenceToken> token)
            throws ServiceFault {
        DeviceState state = store.state();
        List<AuthorizationServerConfiguration> found = new ArrayList<>();
        if (token.isPresent()) {
            AuthorizationServerConfigurationData data = state.authorizationServer(token.get()).orElseThrow(() ->
                    ServiceFault.invalidArgVal(Ter.NO_CONFIG, "No configuration has this token"));
            found.add(new AuthorizationServerConfiguration(token.get(), data.withoutClientSecret()));
        } else {
            state.authorizationServers().forEach((t, data) ->
                    found.add(new AuthorizationServerConfiguration(t, data.withoutClientSecret())));
        }
        return new GetAuthorizationServerConfigurationsResponse(found);
    }

    private CreateAuthorizationServerConfigurationResponse createAuthorizationServer(
            AuthorizationServerConfigurationData data) throws ServiceFault {
        return store.update(state -> {
            if (state.authorizationServers().size() >= limits.maxAuthorizationServerConfigurations()) {
                throw ServiceFault.action(Ter.MAX_AUTHORIZATION_SERVERS,
                        "No room for another authorization server configuration");
            }
            checkConfiguration(state, data);
            Map.Entry<String, DeviceState> fresh = state.newId("authorization-server-");
            ReferenceToken token = new ReferenceToken(fresh.getKey());
            return new DeviceStore.Result<>(fresh.getValue().withAuthorizationServer(token, data),
                    new CreateAuthorizationServerConfigurationResponse(token));
        });
    }

    private SetAuthorizationServerConfigurationResponse setAuthorizationServer(
            AuthorizationServerConfiguration configuration) throws ServiceFault {
        return store.update(state -> {
            AuthorizationServerConfigurationData old = state.authorizationServer(configuration.token())
                    .orElseThrow(() -> ServiceFault.invalidArgVal(Ter.NO_CONFIG, "No configuration has this token"));
            AuthorizationServerConfigurationData data = configuration.data();
            if (data.clientSecret().isEmpty() && old.clientSecret().isPresent()) {
                // GetAuthorizationServerConfigurations never shows the secret; a Set without one keeps it.
                data = new AuthorizationServerConfigurationData(data.type(), data.clientAuth(), data.serverUri(),
                        data.clientID(), old.clientSecret(), data.scope(), data.keyID(), data.certificateID(),
                        data.certPathValidationPolicyID());
            }
            checkConfiguration(state, data);
            return new DeviceStore.Result<>(state.withAuthorizationServer(configuration.token(), data),
                    new SetAuthorizationServerConfigurationResponse());
        });
    }

    private DeleteAuthorizationServerConfigurationResponse deleteAuthorizationServer(ReferenceToken token)
            throws ServiceFault {
        return store.update(state -> {
            if (state.authorizationServer(token).isEmpty()) {
                throw ServiceFault.invalidArgVal(Ter.NO_CONFIG, "No configuration has this token");
            }
            boolean referenced = state.uplinks().values().stream()
                    .map(UplinkConfiguration::authorizationServer).anyMatch(t -> t.map(token::equals).orElse(false));
            if (referenced) {
                throw ServiceFault.invalidArgVal(Ter.REFERENCE_EXISTS, "An uplink refers to the configuration");
            }
            return new DeviceStore.Result<>(state.withoutAuthorizationServer(token),
                    new DeleteAuthorizationServerConfigurationResponse());
        });
    }

    /**
     * The device supports OAuthClientCredentials with private_key_jwt over https, with a ClientID, the KeyID of a
     * key pair it holds and, when given, an existing policy and certificate: anything else is ter:InvalidConfig.
     */
    private static void checkConfiguration(DeviceState state, AuthorizationServerConfigurationData data)
            throws ServiceFault {
        List<String> problems = new ArrayList<>();
        if (data.type() != AuthorizationServerConfigurationType.OAuthClientCredentials) {
            problems.add("only OAuthClientCredentials is supported");
        }
        if (!data.clientAuth().map(ClientAuthenticationMethod.PRIVATE_KEY_JWT::equals).orElse(false)) {
            problems.add("only private_key_jwt client authentication is supported");
        }
        if (!"https".equalsIgnoreCase(data.serverUri().getScheme())) {
            problems.add("ServerUri must be https");
        }
        if (data.clientID().filter(id -> !id.isBlank()).isEmpty()) {
            problems.add("ClientID is required");
        }
        if (data.keyID().flatMap(state::key).flatMap(StoredKey::privateKey).isEmpty()) {
            problems.add("KeyID must name a key pair with a private key");
        }
        if (data.certPathValidationPolicyID().isPresent()
                && state.certPathValidationPolicy(data.certPathValidationPolicyID().get()).isEmpty()) {
            problems.add("CertPathValidationPolicyID names no policy");
        }
        if (data.certificateID().isPresent() && state.certificate(data.certificateID().get()).isEmpty()) {
            problems.add("CertificateID names no certificate");
        }
        if (!problems.isEmpty()) {
            throw ServiceFault.invalidArgVal(Ter.INVALID_CONFIG, "Invalid configuration: " + String.join("; ", problems));
        }
    }
}
