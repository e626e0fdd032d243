package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPolicies;
import dev.onvifcloud.soap.security.GetAllCertificates;
import dev.onvifcloud.soap.security.GetAllKeys;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurations;
import dev.onvifcloud.soap.security.GetKeyStatus;
import dev.onvifcloud.soap.security.KeyAttribute;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.security.X509Certificate;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The camera side of each step: the standard ONVIF requests, and, for a step whose result is unknown (recorded
 * STARTED by a worker that stopped), the look-up of what it may have created, adopted instead of created again.
 * What this operation creates carries the alias {@code onvif-cloud/<operation id>/...}, which tells it apart from
 * what was on the camera before (a trust anchor the camera already holds is reused, never removed).
 */
final class CameraSteps {

    /** Names of what a step created on the camera, as recorded. */
    static final String CERTIFICATE_ID = "certificateId";
    static final String CERTIFICATE_KEY_ID = "certificateKeyId";
    static final String REUSED_CERTIFICATE_ID = "reusedCertificateId";
    static final String POLICY_ID = "certPathValidationPolicyId";
    static final String KEY_ID = "keyId";
    static final String CERTIFICATION_REQUEST = "pkcs10CSR";
    static final String AUTHORIZATION_SERVER_TOKEN = "authorizationServerConfigurationToken";
    static final String UPLINK_REMOTE_ADDRESS = "uplinkRemoteAddress";

    private static final String CURVE = "secp256r1";

    private final OnvifClient client;
    private final SharingPlan plan;
    private final String aliasPrefix;
    private final String serialNumber;
    /** The first pause of the key-status wait; each next one is twice as long, up to the interval. */
    private static final Duration FIRST_KEY_STATUS_PAUSE = Duration.ofMillis(10);

    private final int keyStatusPolls;
    private final Duration keyStatusInterval;
    private final Function<String, Map<String, String>> done;

    /**
     * @param done what an earlier step (by name) created, recorded DONE
     */
    CameraSteps(OnvifClient client, SharingPlan plan, UUID operationId, String serialNumber, int keyStatusPolls,
                Duration keyStatusInterval, Function<String, Map<String, String>> done) {
        this.client = client;
        this.plan = plan;
        this.aliasPrefix = "onvif-cloud/" + operationId + "/";
        this.serialNumber = serialNumber;
        this.keyStatusPolls = keyStatusPolls;
        this.keyStatusInterval = keyStatusInterval;
        this.done = done;
    }

    /**
     * Carries out a step; {@code resumed} when it was recorded STARTED before (its result unknown).
     *
     * @return what it created on the camera (or, for the CSR, obtained from it)
     */
    Map<String, String> perform(PlannedStep step, boolean resumed)
            throws StepRefused, StepDeferred, CameraUnreachableException {
        return switch (step.step()) {
            case UploadCertificate -> uploadCertificate(step);
            case CreateCertPathValidationPolicy -> createPolicy(step, resumed);
            case CreateECCKeyPair -> createKeyPair(step, resumed);
            case CreatePKCS10CSR -> createCsr(step);
            case CreateAuthorizationServerConfiguration -> createAuthorizationServer(step, resumed);
            case SetUplink -> setUplink(step);
        };
    }

    // Uploading is checked by the camera itself: a certificate it holds already is answered ter:Duplicate.
    private Map<String, String> uploadCertificate(PlannedStep step)
            throws StepRefused, CameraUnreachableException {
        Base64Der anchor = plan.trustAnchors().get(step.index());
        String alias = aliasPrefix + "anchor-" + step.index();
        Reply<?> reply = client.call(SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(anchor.der()), Optional.of(alias), Optional.of(alias), Optional.empty()));
        if (reply instanceof Reply.Failure<?> failure && !failure.fault().subcodes().contains(Ter.DUPLICATE)) {
            throw StepRefused.fault(step.name(), "UploadCertificate", failure.fault());
        }
        List<X509Certificate> certificates = call(step, SecurityOperations.GET_ALL_CERTIFICATES,
                new GetAllCertificates()).certificates();
        X509Certificate stored = certificates.stream()
                .filter(c -> anchor.equals(Base64Der.of(c.certificateContent().der())))
                .findFirst()
                .orElseThrow(() -> new StepRefused(FailureReason.CAMERA_FAULT, step.name()
                        + " the camera does not list the trust anchor it accepted"));
        if (!stored.alias().map(alias::equals).orElse(false)) {
            return Map.of(REUSED_CERTIFICATE_ID, stored.certificateID().value());
        }
        boolean ownKey = keys(step).stream().anyMatch(k -> k.keyID().equals(stored.keyID())
                && k.alias().map(alias::equals).orElse(false));
        return ownKey
                ? Map.of(CERTIFICATE_ID, stored.certificateID().value(), CERTIFICATE_KEY_ID, stored.keyID().value())
                : Map.of(CERTIFICATE_ID, stored.certificateID().value());
    }

    private Map<String, String> createPolicy(PlannedStep step, boolean resumed)
            throws StepRefused, CameraUnreachableException {
        CertPathValidationPolicy policy = plan.configuration().certPathValidationPolicies().get(step.index());
        String alias = aliasPrefix + "policy-" + step.index();
        if (resumed) {
            Optional<String> existing = call(step, SecurityOperations.GET_ALL_CERT_PATH_VALIDATION_POLICIES,
                    new GetAllCertPathValidationPolicies()).certPathValidationPolicies().stream()
                    .filter(p -> p.alias().map(alias::equals).orElse(false))
                    .map(p -> p.certPathValidationPolicyID().value()).findFirst();
            if (existing.isPresent()) {
                return Map.of(POLICY_ID, existing.get());
            }
        }
        List<TrustAnchor> anchors = new ArrayList<>();
        for (Base64Der anchor : policy.trustAnchors()) {
            anchors.add(new TrustAnchor(new CertificateID(certificateOf(plan.trustAnchorIndex(anchor)))));
        }
        String id = call(step, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.of(alias), CertPathValidationParameters.defaults(),
                        anchors)).certPathValidationPolicyID().value();
        return Map.of(POLICY_ID, id);
    }

    private Map<String, String> createKeyPair(PlannedStep step, boolean resumed)
            throws StepRefused, CameraUnreachableException {
        String alias = aliasPrefix + "key";
        if (resumed) {
            Optional<KeyAttribute> existing = keys(step).stream()
                    .filter(k -> k.alias().map(alias::equals).orElse(false)).findFirst();
            if (existing.isPresent()) {
                return Map.of(KEY_ID, existing.get().keyID().value());
            }
        }
        KeyID key = call(step, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair(CURVE, Optional.of(alias))).keyID();
        return Map.of(KEY_ID, key.value());
    }

    private Map<String, String> createCsr(PlannedStep step)
            throws StepRefused, StepDeferred, CameraUnreachableException {
        KeyID key = keyId();
        KeyStatus status = call(step, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(key)).keyStatus();
        // Waits at most (polls - 1) x interval in all, asking again after 10 ms, then twice as long each time up
        // to the interval: a key generated quickly is noticed quickly.
        long budget = keyStatusInterval.toMillis() * (keyStatusPolls - 1L);
        long pause = Math.min(FIRST_KEY_STATUS_PAUSE.toMillis(), keyStatusInterval.toMillis());
        long waited = 0;
        for (int poll = 1; status == KeyStatus.GENERATING && (budget > 0 ? waited < budget : poll < keyStatusPolls);
                poll++) {
            long sleep = budget > 0 ? Math.min(pause, budget - waited) : 0;
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepDeferred(RetryReason.KEY_GENERATING, "interrupted while waiting for key " + key);
            }
            waited += sleep;
            pause = Math.min(pause * 2, keyStatusInterval.toMillis());
            status = call(step, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(key)).keyStatus();
        }
        if (status == KeyStatus.CORRUPT) {
            throw new StepRefused(FailureReason.KEY_CORRUPT, step.name() + " key " + key + " is corrupt");
        }
        if (status != KeyStatus.OK) {
            throw new StepDeferred(RetryReason.KEY_GENERATING, "key " + key + " is still being generated");
        }
        byte[] csr = call(step, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName(plan.csrCommonName(serialNumber)), key, List.of(),
                AlgorithmIdentifier.ECDSA_WITH_SHA256)).pkcs10CSR().der();
        return Map.of(CERTIFICATION_REQUEST, Base64Der.of(csr).toBase64());
    }

    private Map<String, String> createAuthorizationServer(PlannedStep step, boolean resumed)
            throws StepRefused, CameraUnreachableException {
        AuthorizationServerConfiguration server =
                plan.configuration().authorizationServerConfigurations().get(step.index());
        KeyID key = keyId();
        if (resumed) {
            Optional<String> existing = call(step, SecurityOperations.GET_AUTHORIZATION_SERVER_CONFIGURATIONS,
                    new GetAuthorizationServerConfigurations(Optional.empty())).configurations().stream()
                    .filter(c -> c.data().keyID().map(key::equals).orElse(false)
                            && c.data().serverUri().equals(server.serverUri())
                            && c.data().clientID().map(server.clientId()::equals).orElse(false))
                    .map(c -> c.token().value()).findFirst();
            if (existing.isPresent()) {
                return Map.of(AUTHORIZATION_SERVER_TOKEN, existing.get());
            }
        }
        AuthorizationServerConfigurationData data = new AuthorizationServerConfigurationData(
                AuthorizationServerConfigurationType.OAuthClientCredentials,
                Optional.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT), server.serverUri(),
                Optional.of(server.clientId()), Optional.empty(), server.scope(), Optional.of(key), Optional.empty(),
                Optional.of(policyOf(server.certPathValidationPolicyAlias())));
        String token = call(step, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(data)).token().value();
        return Map.of(AUTHORIZATION_SERVER_TOKEN, token);
    }

    // SetUplink adds or replaces the configuration of its RemoteAddress: sending it again duplicates nothing.
    private Map<String, String> setUplink(PlannedStep step) throws StepRefused, CameraUnreachableException {
        UplinkConfiguration uplink = plan.configuration().uplinkConfigurations().get(step.index());
        int server = plan.authorizationServerFor(uplink).orElseThrow(() -> new StepRefused(
                FailureReason.UNUSABLE_CONFIGURATION, step.name() + " no authorization server for the uplink"));
        String token = done.apply(new PlannedStep(SharingStep.CreateAuthorizationServerConfiguration, server, 0)
                .name()).get(AUTHORIZATION_SERVER_TOKEN);
        String policy = policyOf(uplink.certPathValidationPolicyAlias()).value();
        call(step, UplinkOperations.SET_UPLINK, new SetUplink(
                dev.onvifcloud.soap.uplink.UplinkConfiguration.accessToken(uplink.remoteAddress(),
                        new ReferenceToken(token), uplink.userLevel().wireName(), Optional.of(policy))));
        return Map.of(UPLINK_REMOTE_ADDRESS, uplink.remoteAddress().toString());
    }

    // ------------------------------------------------------------------------------------------ earlier results

    private String certificateOf(int anchorIndex) {
        Map<String, String> created = done.apply(new PlannedStep(SharingStep.UploadCertificate, anchorIndex, 0).name());
        return created.containsKey(CERTIFICATE_ID) ? created.get(CERTIFICATE_ID) : created.get(REUSED_CERTIFICATE_ID);
    }

    private dev.onvifcloud.soap.security.CertPathValidationPolicyID policyOf(String alias) {
        int index = plan.policyIndex(alias);
        return new dev.onvifcloud.soap.security.CertPathValidationPolicyID(done.apply(
                new PlannedStep(SharingStep.CreateCertPathValidationPolicy, index, 0).name()).get(POLICY_ID));
    }

    private KeyID keyId() {
        return new KeyID(done.apply(SharingStep.CreateECCKeyPair.name()).get(KEY_ID));
    }

    private List<KeyAttribute> keys(PlannedStep step) throws StepRefused, CameraUnreachableException {
        return call(step, SecurityOperations.GET_ALL_KEYS, new GetAllKeys()).keyAttributes();
    }

    private <Q extends SoapRequest, R extends SoapResponse> R call(PlannedStep step, Operation<Q, R> operation,
                                                                    Q request)
            throws StepRefused, CameraUnreachableException {
        Reply<R> reply = client.call(operation, request);
        if (reply instanceof Reply.Success<R> success) {
            return success.response();
        }
        SoapFault fault = ((Reply.Failure<R>) reply).fault();
        throw StepRefused.fault(step.name(), operation.name(), fault);
    }
}
