package dev.onvifcloud.device;

import static dev.onvifcloud.device.TestCameras.PKI;
import static dev.onvifcloud.device.TestCameras.fault;
import static dev.onvifcloud.device.TestCameras.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.AuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicy;
import dev.onvifcloud.soap.security.DeleteCertificate;
import dev.onvifcloud.soap.security.DeleteKey;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPolicies;
import dev.onvifcloud.soap.security.GetAllCertificates;
import dev.onvifcloud.soap.security.GetAllKeys;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurations;
import dev.onvifcloud.soap.security.GetCertPathValidationPolicy;
import dev.onvifcloud.soap.security.GetKeyStatus;
import dev.onvifcloud.soap.security.GetServiceCapabilities;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.SetAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.security.UploadCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityServiceTest {

    @TempDir
    Path directory;

    private final Queue<Runnable> generation = new ArrayDeque<>();
    private Camera camera;

    @BeforeEach
    void start() {
        Executor manual = generation::add;
        camera = TestCameras.camera(directory).keyGeneration(manual)
                .limits(new DeviceLimits(5, 6, 2, 1, 2)).build().start();
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private KeyID generatedKey() {
        KeyID id = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.of("ocs"))).keyID();
        generation.remove().run();
        return id;
    }

    private CertificateID uploadedAnchor() {
        return upload(PKI.localCaCertificate());
    }

    private CertificateID upload(java.security.cert.X509Certificate certificate) {
        try {
            return ok(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                    new Base64DERencodedASN1Value(certificate.getEncoded()), Optional.of("anchor"), Optional.empty(),
                    Optional.empty())).certificateID();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private CertPathValidationPolicyID policy(CertificateID anchor) {
        return ok(camera, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY, new CreateCertPathValidationPolicy(
                Optional.of("as"), CertPathValidationParameters.defaults(), List.of(new TrustAnchor(anchor))))
                .certPathValidationPolicyID();
    }

    private AuthorizationServerConfigurationData configuration(KeyID key, CertPathValidationPolicyID policy) {
        return AuthorizationServerConfigurationData.privateKeyJwt(URI.create("https://as.test/"), "camera-client",
                key, new CertificateID("unused"), Optional.of("uplink"), Optional.of(policy));
    }

    private AuthorizationServerConfigurationData withoutCertificate(AuthorizationServerConfigurationData data) {
        return new AuthorizationServerConfigurationData(data.type(), data.clientAuth(), data.serverUri(),
                data.clientID(), data.clientSecret(), data.scope(), data.keyID(), Optional.empty(),
                data.certPathValidationPolicyID());
    }

    @Test
    void signals_keystore_and_authorization_server_capabilities() {
        var capabilities = ok(camera, SecurityOperations.GET_SERVICE_CAPABILITIES, new GetServiceCapabilities())
                .capabilities();
        assertThat(capabilities.maxAuthorizationServerConfigurations()).isEqualTo(1);
        assertThat(capabilities.keystore().attributes().list("EllipticCurves")).contains("secp256r1");
        assertThat(capabilities.authorizationServer().orElseThrow().list("ClientAuthenticationMethodsSupported"))
                .containsExactly("private_key_jwt");
    }

    @Test
    void generates_ecc_key_pairs_asynchronously() {
        KeyID id = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.empty())).keyID();
        assertThat(ok(camera, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(id)).keyStatus())
                .isEqualTo(KeyStatus.GENERATING);
        generation.remove().run();
        assertThat(ok(camera, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(id)).keyStatus())
                .isEqualTo(KeyStatus.OK);
        assertThat(ok(camera, SecurityOperations.GET_ALL_KEYS, new GetAllKeys()).keyAttributes())
                .anySatisfy(key -> {
                    assertThat(key.keyID()).isEqualTo(id);
                    assertThat(key.hasPrivateKey()).contains(true);
                });
    }

    @Test
    void refuses_unsupported_curves_and_a_full_keystore() {
        assertThat(fault(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("brainpoolP256r1", Optional.empty()))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.UNSUPPORTED_ELLIPTIC_CURVE)).isTrue();
        // the birth key and its CA's public key are two of the 5
        while (camera.state().keys().size() < 5) {
            generatedKey();
        }
        assertThat(fault(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.empty()))
                .hasSubcodes(Ter.ACTION, Ter.MAXIMUM_NUMBER_OF_KEYS_REACHED)).isTrue();
    }

    @Test
    void unknown_key_ids_are_refused() {
        KeyID unknown = new KeyID("nope");
        assertThat(fault(camera, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(unknown))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.KEY_ID)).isTrue();
        assertThat(fault(camera, SecurityOperations.DELETE_KEY, new DeleteKey(unknown))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.KEY_ID)).isTrue();
        assertThat(fault(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("x"), unknown, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.KEY_ID)).isTrue();
    }

    @Test
    void creates_a_csr_signed_by_the_key() throws Exception {
        KeyID id = generatedKey();
        byte[] der = ok(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("SN0001"), id, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256))
                .pkcs10CSR().der();
        CertificationRequest csr = CertificationRequest.parse(der);
        assertThat(csr.subject().getName()).isEqualTo("CN=SN0001");
        assertThat(camera.state().key(id).orElseThrow().hasPublicKey(csr.publicKey())).isTrue();
    }

    @Test
    void csr_faults_name_the_problem() {
        KeyID generating = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.empty())).keyID();
        assertThat(fault(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("x"), generating, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.INVALID_KEY_STATUS)).isTrue();
        generation.remove().run();
        assertThat(fault(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("x"), generating, List.of(),
                AlgorithmIdentifier.SHA256_WITH_RSA_ENCRYPTION))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.KEY_SIGNATURE_ALGORITHM_MISMATCH)).isTrue();
        assertThat(fault(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("x"), generating, List.of(), AlgorithmIdentifier.of("1.2.3.4")))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.UNSUPPORTED_SIGNATURE_ALGORITHM)).isTrue();
    }

    @Test
    void uploads_certificates_and_refuses_bad_or_duplicate_ones() {
        CertificateID anchor = uploadedAnchor();
        assertThat(ok(camera, SecurityOperations.GET_ALL_CERTIFICATES, new GetAllCertificates()).certificates())
                .anySatisfy(c -> {
                    assertThat(c.certificateID()).isEqualTo(anchor);
                    assertThat(c.hasPrivateKey()).contains(false);
                });
        assertThat(fault(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(new byte[] {1, 2, 3}), Optional.empty(), Optional.empty(),
                Optional.empty())).hasSubcodes(Ter.INVALID_ARG_VAL, Ter.BAD_CERTIFICATE)).isTrue();
        try {
            assertThat(fault(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                    new Base64DERencodedASN1Value(PKI.localCaCertificate().getEncoded()), Optional.empty(),
                    Optional.empty(), Optional.empty())).hasSubcodes(Ter.INVALID_ARG_VAL, Ter.DUPLICATE)).isTrue();
            assertThat(fault(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                    new Base64DERencodedASN1Value(PKI.issueServerCertificate("no-key").certificate().getEncoded()),
                    Optional.empty(), Optional.empty(), Optional.of(true))).hasSubcodes(Ter.ACTION, Ter.NO_MATCHING_PRIVATE_KEY))
                    .isTrue();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void certificate_limit_is_enforced() {
        // birth certificate + 5 more = 6
        for (int i = 0; i < 5; i++) {
            upload(PKI.issueServerCertificate("server-" + i).certificate());
            if (camera.state().keys().size() >= 5) {
                break;
            }
        }
        assertThat(fault(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                der(PKI.issueServerCertificate("one-more").certificate()), Optional.empty(), Optional.empty(),
                Optional.empty())).subcodes()).containsAnyOf(Ter.MAXIMUM_NUMBER_OF_CERTIFICATES_REACHED,
                Ter.MAXIMUM_NUMBER_OF_KEYS_REACHED);
    }

    private static Base64DERencodedASN1Value der(java.security.cert.X509Certificate certificate) {
        try {
            return new Base64DERencodedASN1Value(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void policies_are_created_read_listed_and_deleted() {
        CertificateID anchor = uploadedAnchor();
        CertPathValidationPolicyID id = policy(anchor);
        assertThat(ok(camera, SecurityOperations.GET_CERT_PATH_VALIDATION_POLICY, new GetCertPathValidationPolicy(id))
                .certPathValidationPolicy().trustAnchors()).containsExactly(new TrustAnchor(anchor));
        assertThat(ok(camera, SecurityOperations.GET_ALL_CERT_PATH_VALIDATION_POLICIES,
                new GetAllCertPathValidationPolicies()).certPathValidationPolicies()).hasSize(1);
        assertThat(fault(camera, SecurityOperations.DELETE_CERTIFICATE, new DeleteCertificate(anchor))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.REFERENCE_EXISTS)).isTrue();
        ok(camera, SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY, new DeleteCertPathValidationPolicy(id));
        assertThat(fault(camera, SecurityOperations.GET_CERT_PATH_VALIDATION_POLICY, new GetCertPathValidationPolicy(id))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERT_PATH_VALIDATION_POLICY_ID)).isTrue();
        assertThat(fault(camera, SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY,
                new DeleteCertPathValidationPolicy(id))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERT_PATH_VALIDATION_POLICY_ID)).isTrue();
        ok(camera, SecurityOperations.DELETE_CERTIFICATE, new DeleteCertificate(anchor));
        assertThat(fault(camera, SecurityOperations.DELETE_CERTIFICATE, new DeleteCertificate(anchor))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERTIFICATE_ID)).isTrue();
    }

    @Test
    void policy_faults() {
        assertThat(fault(camera, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.empty(), CertPathValidationParameters.defaults(),
                        List.of(new TrustAnchor(new CertificateID("missing")))))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERTIFICATE_ID)).isTrue();
        CertificateID anchor = uploadedAnchor();
        assertThat(fault(camera, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.empty(),
                        new CertPathValidationParameters(Optional.empty(), Optional.of(true)),
                        List.of(new TrustAnchor(anchor))))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERT_PATH_VALIDATION_PARAMETERS)).isTrue();
        policy(anchor);
        policy(anchor);
        assertThat(fault(camera, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.empty(), CertPathValidationParameters.defaults(),
                        List.of(new TrustAnchor(anchor))))
                .hasSubcodes(Ter.ACTION, Ter.MAXIMUM_NUMBER_OF_CERT_PATH_VALIDATION_POLICIES_REACHED)).isTrue();
    }

    @Test
    void authorization_server_configurations_lifecycle_and_references() {
        KeyID key = generatedKey();
        CertPathValidationPolicyID policy = policy(uploadedAnchor());
        AuthorizationServerConfigurationData data = withoutCertificate(configuration(key, policy));
        ReferenceToken token = ok(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(data)).token();
        assertThat(ok(camera, SecurityOperations.GET_AUTHORIZATION_SERVER_CONFIGURATIONS,
                new GetAuthorizationServerConfigurations(Optional.of(token))).configurations())
                .containsExactly(new AuthorizationServerConfiguration(token, data));
        assertThat(fault(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(data))
                .hasSubcodes(Ter.ACTION, Ter.MAX_AUTHORIZATION_SERVERS)).isTrue();
        assertThat(fault(camera, SecurityOperations.DELETE_KEY, new DeleteKey(key))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.REFERENCE_EXISTS)).isTrue();
        assertThat(fault(camera, SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY,
                new DeleteCertPathValidationPolicy(policy))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.REFERENCE_EXISTS)).isTrue();
        AuthorizationServerConfigurationData changed = AuthorizationServerConfigurationData.privateKeyJwt(
                URI.create("https://other.test/"), "camera-client", key, new CertificateID("x"), Optional.empty(),
                Optional.of(policy));
        ok(camera, SecurityOperations.SET_AUTHORIZATION_SERVER_CONFIGURATION,
                new SetAuthorizationServerConfiguration(new AuthorizationServerConfiguration(token,
                        withoutCertificate(changed))));
        assertThat(camera.state().authorizationServer(token).orElseThrow().serverUri())
                .isEqualTo(URI.create("https://other.test/"));
        ok(camera, SecurityOperations.DELETE_AUTHORIZATION_SERVER_CONFIGURATION,
                new DeleteAuthorizationServerConfiguration(token));
        assertThat(fault(camera, SecurityOperations.DELETE_AUTHORIZATION_SERVER_CONFIGURATION,
                new DeleteAuthorizationServerConfiguration(token))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.NO_CONFIG)).isTrue();
        assertThat(fault(camera, SecurityOperations.GET_AUTHORIZATION_SERVER_CONFIGURATIONS,
                new GetAuthorizationServerConfigurations(Optional.of(token)))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.NO_CONFIG)).isTrue();
        assertThat(fault(camera, SecurityOperations.SET_AUTHORIZATION_SERVER_CONFIGURATION,
                new SetAuthorizationServerConfiguration(new AuthorizationServerConfiguration(token, data)))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.NO_CONFIG)).isTrue();
        ok(camera, SecurityOperations.DELETE_KEY, new DeleteKey(key));
    }

    @Test
    void refuses_configurations_it_cannot_use() {
        KeyID key = generatedKey();
        AuthorizationServerConfigurationData secretBased = new AuthorizationServerConfigurationData(
                AuthorizationServerConfigurationType.OAuthClientCredentials,
                Optional.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC), URI.create("https://as.test/"),
                Optional.of("c"), Optional.of("secret"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(fault(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(secretBased))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.INVALID_CONFIG)).isTrue();
        AuthorizationServerConfigurationData unknownKey = withoutCertificate(AuthorizationServerConfigurationData
                .privateKeyJwt(URI.create("https://as.test/"), "c", new KeyID("missing"), new CertificateID("x"),
                        Optional.empty(), Optional.empty()));
        assertThat(fault(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(unknownKey))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.INVALID_CONFIG)).isTrue();
        AuthorizationServerConfigurationData unknownPolicy = withoutCertificate(AuthorizationServerConfigurationData
                .privateKeyJwt(URI.create("https://as.test/"), "c", key, new CertificateID("x"), Optional.empty(),
                        Optional.of(new CertPathValidationPolicyID("missing"))));
        assertThat(fault(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(unknownPolicy))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.INVALID_CONFIG)).isTrue();
    }

    @Test
    void deleting_a_generating_key_aborts_the_generation() {
        KeyID id = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp384r1", Optional.empty())).keyID();
        ok(camera, SecurityOperations.DELETE_KEY, new DeleteKey(id));
        generation.remove().run();
        assertThat(camera.state().key(id)).isEmpty();
    }

    @Test
    void a_certificate_used_by_an_uplink_cannot_be_deleted() {
        assertThat(fault(camera, SecurityOperations.DELETE_KEY, new DeleteKey(FactoryDefaults.BIRTH_KEY))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.REFERENCE_EXISTS)).isTrue();
    }
}
