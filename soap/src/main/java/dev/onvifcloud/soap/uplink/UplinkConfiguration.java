package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.ReferenceToken;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An uplink configuration (tup:Configuration, the Uplink specification's UplinkConfiguration).
 *
 * @param remoteAddress              URL of the remote client; the key of the configuration
 * @param certificateID              keystore certificate for mTLS client authentication
 * @param userLevel                  the user level (or list of user roles) assigned to the uplink
 * @param status                     connection status, set by the device only
 * @param certPathValidationPolicyID policy validating the remote server's certificate
 * @param authorizationServer        token of the AuthorizationServerConfiguration that provides access tokens
 * @param error                      user-readable error information, set by the device only
 */
public record UplinkConfiguration(URI remoteAddress, Optional<String> certificateID, List<String> userLevel,
                                  Optional<ConnectionStatus> status, Optional<String> certPathValidationPolicyID,
                                  Optional<ReferenceToken> authorizationServer, Optional<String> error) {

    public UplinkConfiguration {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        if (!remoteAddress.isAbsolute() || remoteAddress.getHost() == null) {
            throw new IllegalArgumentException("RemoteAddress must be an absolute URI with a host");
        }
        Objects.requireNonNull(certificateID, "certificateID");
        certificateID.ifPresent(id -> requireToken(id, "CertificateID"));
        userLevel = List.copyOf(userLevel);
        for (String level : userLevel) {
            if (level.isEmpty() || level.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("UserLevel items must be non-empty and contain no whitespace");
            }
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
        certPathValidationPolicyID.ifPresent(id -> requireToken(id, "CertPathValidationPolicyID"));
        Objects.requireNonNull(authorizationServer, "authorizationServer");
        Objects.requireNonNull(error, "error");
    }

    /** A configuration authenticated by mTLS with a keystore certificate. */
    public static UplinkConfiguration mutualTls(URI remoteAddress, String certificateID, String userLevel,
                                                Optional<String> certPathValidationPolicyID) {
        return new UplinkConfiguration(remoteAddress, Optional.of(certificateID), List.of(userLevel),
                Optional.empty(), certPathValidationPolicyID, Optional.empty(), Optional.empty());
    }

    /** A configuration authenticated by an access token from an authorization server. */
    public static UplinkConfiguration accessToken(URI remoteAddress, ReferenceToken authorizationServer,
                                                  String userLevel, Optional<String> certPathValidationPolicyID) {
        return new UplinkConfiguration(remoteAddress, Optional.empty(), List.of(userLevel), Optional.empty(),
                certPathValidationPolicyID, Optional.of(authorizationServer), Optional.empty());
    }

    /** This configuration as the device reports it, with status and error. */
    public UplinkConfiguration withStatus(ConnectionStatus newStatus, Optional<String> newError) {
        return new UplinkConfiguration(remoteAddress, certificateID, userLevel, Optional.of(newStatus),
                certPathValidationPolicyID, authorizationServer, newError);
    }

    private static void requireToken(String id, String name) {
        if (id.isEmpty() || id.length() > 64 || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must have 1 to 64 characters and no whitespace");
        }
    }
}
