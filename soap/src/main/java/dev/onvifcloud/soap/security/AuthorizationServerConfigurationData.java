package dev.onvifcloud.soap.security;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * tas:AuthorizationServerConfigurationData: where and how the device obtains access tokens. For the Cloud
 * Integration flow: Type OAuthClientCredentials, ClientAuth private_key_jwt, ServerUri, ClientID, KeyID
 * and CertificateID of the device's key, CertPathValidationPolicyID for the server. {@link #toString()}
 * never shows the ClientSecret.
 */
public record AuthorizationServerConfigurationData(AuthorizationServerConfigurationType type,
                                                   Optional<ClientAuthenticationMethod> clientAuth, URI serverUri,
                                                   Optional<String> clientID, Optional<String> clientSecret,
                                                   Optional<String> scope, Optional<KeyID> keyID,
                                                   Optional<CertificateID> certificateID,
                                                   Optional<CertPathValidationPolicyID> certPathValidationPolicyID) {

    public AuthorizationServerConfigurationData {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(serverUri, "serverUri");
        if (!serverUri.isAbsolute() || serverUri.getHost() == null) {
            throw new IllegalArgumentException("ServerUri must be an absolute URI with a host");
        }
        Objects.requireNonNull(clientID, "clientID");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(keyID, "keyID");
        Objects.requireNonNull(certificateID, "certificateID");
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
    }

    /** OAuth client credentials with private_key_jwt client authentication (RFC 7523), as the Cloud Integration flow uses. */
    public static AuthorizationServerConfigurationData privateKeyJwt(URI serverUri, String clientID, KeyID keyID,
                                                                     CertificateID certificateID,
                                                                     Optional<String> scope,
                                                                     Optional<CertPathValidationPolicyID> policy) {
        return new AuthorizationServerConfigurationData(AuthorizationServerConfigurationType.OAuthClientCredentials,
                Optional.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT), serverUri, Optional.of(clientID),
                Optional.empty(), scope, Optional.of(keyID), Optional.of(certificateID), policy);
    }

    /** This configuration without its client secret, as a device reports it. */
    public AuthorizationServerConfigurationData withoutClientSecret() {
        return new AuthorizationServerConfigurationData(type, clientAuth, serverUri, clientID, Optional.empty(), scope,
                keyID, certificateID, certPathValidationPolicyID);
    }

    @Override
    public String toString() {
        return "AuthorizationServerConfigurationData[type=" + type + ", clientAuth=" + clientAuth
                + ", serverUri=" + serverUri + ", clientID=" + clientID
                + ", clientSecret=" + clientSecret.map(secret -> "(hidden)") + ", scope=" + scope
                + ", keyID=" + keyID + ", certificateID=" + certificateID
                + ", certPathValidationPolicyID=" + certPathValidationPolicyID + "]";
    }
}
