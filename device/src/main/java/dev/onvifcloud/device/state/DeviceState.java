package dev.onvifcloud.device.state;

import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the clouds configured on the camera and that survives a restart: keystore (keys, certificates),
 * certification path validation policies, authorization server configurations (with their client secrets) and
 * uplink configurations (without Status and Error, which are live). Immutable; every change makes a new state.
 *
 * @param nextId the number in the next generated ID
 */
public record DeviceState(Map<KeyID, StoredKey> keys, Map<CertificateID, StoredCertificate> certificates,
                          Map<CertPathValidationPolicyID, CertPathValidationPolicy> certPathValidationPolicies,
                          Map<ReferenceToken, AuthorizationServerConfigurationData> authorizationServers,
                          Map<URI, UplinkConfiguration> uplinks, long nextId) {

    public DeviceState {
        keys = frozen(keys);
        certificates = frozen(certificates);
        certPathValidationPolicies = frozen(certPathValidationPolicies);
        authorizationServers = frozen(authorizationServers);
        uplinks = frozen(uplinks);
        if (nextId < 1) {
            throw new IllegalArgumentException("nextId must be positive");
        }
    }

    /** Nothing configured. */
    public static DeviceState empty() {
        return new DeviceState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 1);
    }

    /** A fresh ID with this prefix, and the state that will not hand it out again. */
    public Map.Entry<String, DeviceState> newId(String prefix) {
        return Map.entry(prefix + nextId, new DeviceState(keys, certificates, certPathValidationPolicies,
                authorizationServers, uplinks, nextId + 1));
    }

    public Optional<StoredKey> key(KeyID id) {
        return Optional.ofNullable(keys.get(id));
    }

    public Optional<StoredCertificate> certificate(CertificateID id) {
        return Optional.ofNullable(certificates.get(id));
    }

    public Optional<CertPathValidationPolicy> certPathValidationPolicy(CertPathValidationPolicyID id) {
        return Optional.ofNullable(certPathValidationPolicies.get(id));
    }

    public Optional<AuthorizationServerConfigurationData> authorizationServer(ReferenceToken token) {
        return Optional.ofNullable(authorizationServers.get(token));
    }

    public DeviceState withKey(StoredKey key) {
        return new DeviceState(put(keys, key.id(), key), certificates, certPathValidationPolicies,
                authorizationServers, uplinks, nextId);
    }

    public DeviceState withoutKey(KeyID id) {
        return new DeviceState(remove(keys, id), certificates, certPathValidationPolicies, authorizationServers,
                uplinks, nextId);
    }

    public DeviceState withCertificate(StoredCertificate certificate) {
        return new DeviceState(keys, put(certificates, certificate.id(), certificate), certPathValidationPolicies,
                authorizationServers, uplinks, nextId);
    }

    public DeviceState withoutCertificate(CertificateID id) {
        return new DeviceState(keys, remove(certificates, id), certPathValidationPolicies, authorizationServers,
                uplinks, nextId);
    }

    public DeviceState withPolicy(CertPathValidationPolicy policy) {
        return new DeviceState(keys, certificates,
                put(certPathValidationPolicies, policy.certPathValidationPolicyID(), policy), authorizationServers,
                uplinks, nextId);
    }

    public DeviceState withoutPolicy(CertPathValidationPolicyID id) {
        return new DeviceState(keys, certificates, remove(certPathValidationPolicies, id), authorizationServers,
                uplinks, nextId);
    }

    public DeviceState withAuthorizationServer(ReferenceToken token, AuthorizationServerConfigurationData data) {
        return new DeviceState(keys, certificates, certPathValidationPolicies, put(authorizationServers, token, data),
                uplinks, nextId);
    }

    public DeviceState withoutAuthorizationServer(ReferenceToken token) {
        return new DeviceState(keys, certificates, certPathValidationPolicies, remove(authorizationServers, token),
                uplinks, nextId);
    }

    public DeviceState withUplink(UplinkConfiguration uplink) {
        return new DeviceState(keys, certificates, certPathValidationPolicies, authorizationServers,
                put(uplinks, uplink.remoteAddress(), uplink), nextId);
    }

    public DeviceState withoutUplink(URI remoteAddress) {
        return new DeviceState(keys, certificates, certPathValidationPolicies, authorizationServers,
                remove(uplinks, remoteAddress), nextId);
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
        Map<K, V> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <K, V> Map<K, V> remove(Map<K, V> map, K key) {
        Map<K, V> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
