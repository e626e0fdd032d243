package dev.onvifcloud.device;

import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.device.state.StoredCertificate;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.uplink.TlsCredential;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the camera holds when it leaves the factory: its birth credential in the keystore ({@code birth-key},
 * {@code birth-certificate}, and the rest of its chain), and, when a manufacturer cloud is named, the trust
 * anchors for the MCS's server certificate ({@code mcs-trust-anchor-N}), the policy with them
 * ({@code mcs-policy}) and the factory uplink to the MCS: mTLS with the birth certificate, user level
 * Administrator.
 *
 * @param birthCredential the birth certificate (chain, leaf first) and its private key
 * @param mcsAddress      the MCS's uplink RemoteAddress, if the camera has a factory uplink
 * @param mcsTrustAnchors anchors for the MCS's server certificate; also the vendor default for uplinks that
 *                        name no CertPathValidationPolicyID
 */
public record FactoryDefaults(TlsCredential birthCredential, Optional<URI> mcsAddress,
                              List<X509Certificate> mcsTrustAnchors) {

    public static final KeyID BIRTH_KEY = new KeyID("birth-key");
    public static final CertificateID BIRTH_CERTIFICATE = new CertificateID("birth-certificate");
    public static final CertPathValidationPolicyID MCS_POLICY = new CertPathValidationPolicyID("mcs-policy");

    public FactoryDefaults {
        Objects.requireNonNull(birthCredential, "birthCredential");
        Objects.requireNonNull(mcsAddress, "mcsAddress");
        mcsTrustAnchors = List.copyOf(mcsTrustAnchors);
        if (mcsAddress.isPresent() && mcsTrustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a factory uplink needs trust anchors for the MCS");
        }
    }

    /** The state of a camera that was never configured. */
    public DeviceState initialState() {
        DeviceState state = DeviceState.empty();
        X509Certificate birth = birthCredential.certificate();
        state = state.withKey(StoredKey.keyPair(BIRTH_KEY, Optional.of("birth"),
                new KeyPair(birth.getPublicKey(), birthCredential.privateKey())));
        state = state.withCertificate(new StoredCertificate(BIRTH_CERTIFICATE, BIRTH_KEY, Optional.of("birth"),
                birth));
        List<X509Certificate> chain = birthCredential.chain();
        for (int i = 1; i < chain.size(); i++) {
            state = withPublicCertificate(state, "birth-chain-" + i, chain.get(i));
        }
        if (mcsAddress.isEmpty()) {
            return state;
        }
        List<TrustAnchor> anchors = new ArrayList<>();
        for (int i = 0; i < mcsTrustAnchors.size(); i++) {
            String id = "mcs-trust-anchor-" + (i + 1);
            state = withPublicCertificate(state, id, mcsTrustAnchors.get(i));
            anchors.add(new TrustAnchor(new CertificateID(id)));
        }
        state = state.withPolicy(new CertPathValidationPolicy(MCS_POLICY, Optional.of("MCS"),
                CertPathValidationParameters.defaults(), anchors));
        return state.withUplink(new UplinkConfiguration(mcsAddress.get(), Optional.of(BIRTH_CERTIFICATE.value()),
                List.of("Administrator"), Optional.empty(), Optional.of(MCS_POLICY.value()), Optional.empty(),
                Optional.empty()));
    }

    private static DeviceState withPublicCertificate(DeviceState state, String id, X509Certificate certificate) {
        KeyID key = new KeyID(id + "-key");
        return state.withKey(StoredKey.publicOnly(key, Optional.empty(), certificate.getPublicKey()))
                .withCertificate(new StoredCertificate(new CertificateID(id), key, Optional.empty(), certificate));
    }
}
