package dev.onvifcloud.device.uplink;

import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UserLevel;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one uplink connector is built from, resolved from the device state: when it changes, the
 * connector is rebuilt.
 */
record ConnectorSpec(URI remoteAddress, UserLevel userLevel, List<X509Certificate> trustAnchors,
                     Optional<TlsCredential> clientCredential, Optional<TokenSource> tokenSource) {

    /** An authorization server configuration with the key and anchors it refers to. */
    record TokenSource(ReferenceToken token, AuthorizationServerConfigurationData configuration,
                       PrivateKey privateKey, List<X509Certificate> trustAnchors) {
        TokenSource {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(privateKey, "privateKey");
            trustAnchors = List.copyOf(trustAnchors);
        }
    }

    ConnectorSpec {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(userLevel, "userLevel");
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(clientCredential, "clientCredential");
        Objects.requireNonNull(tokenSource, "tokenSource");
    }
}
