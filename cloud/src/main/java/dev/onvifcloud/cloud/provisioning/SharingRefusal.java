package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.protocol.DeviceSharingError;

/**
 * Why a {@code startDeviceSharing} request was refused. {@link #error()} is the one mapping to the spec's
 * {@code deviceSharingError}: every share-token problem is {@code "Invalid JWT"}, anything else
 * {@code "Invalid configuration"}.
 */
public enum SharingRefusal {
    /** The body is not a valid {@code startDeviceSharing}: JSON, schema, sizes, counts, aliases, base64 (the codec). */
    MALFORMED_REQUEST(DeviceSharingError.Code.INVALID_CONFIGURATION),
    /** The share token failed verification: signature, key, algorithm, type, issuer, claims, expiry, lifetime. */
    SHARE_TOKEN_NOT_VERIFIED(DeviceSharingError.Code.INVALID_JWT),
    /** Signed with our key, yet we have no record of issuing it. */
    SHARE_TOKEN_UNKNOWN(DeviceSharingError.Code.INVALID_JWT),
    /** Used already, by a different request (an identical request is a replay, see {@link ProvisioningService}). */
    SHARE_TOKEN_USED(DeviceSharingError.Code.INVALID_JWT),
    /** Revoked by the owner. */
    SHARE_TOKEN_REVOKED(DeviceSharingError.Code.INVALID_JWT),
    /** Expired by our record of it. */
    SHARE_TOKEN_EXPIRED(DeviceSharingError.Code.INVALID_JWT),
    /** The account that issued it no longer owns the camera. */
    ISSUER_NOT_OWNER(DeviceSharingError.Code.INVALID_JWT),
    /** {@code onvif:sn}, {@code onvif:model} or {@code onvif:manufacturer} differ from the camera's record. */
    CLAIMS_MISMATCH(DeviceSharingError.Code.INVALID_JWT),
    /** An {@code endpointReferences} URI is not https or its address is refused. */
    ENDPOINT_REFUSED(DeviceSharingError.Code.INVALID_CONFIGURATION),
    /** An uplink {@code remoteAddress} is not https or wss or its address is refused. */
    UPLINK_REFUSED(DeviceSharingError.Code.INVALID_CONFIGURATION),
    /** An authorization server's {@code serverUri} is not https (with a host, without user information). */
    AUTHORIZATION_SERVER_REFUSED(DeviceSharingError.Code.INVALID_CONFIGURATION),
    /** A trust anchor is DER but not an X.509 certificate. */
    TRUST_ANCHOR_NOT_CERTIFICATE(DeviceSharingError.Code.INVALID_CONFIGURATION);

    private final DeviceSharingError.Code code;

    SharingRefusal(DeviceSharingError.Code code) {
        this.code = code;
    }

    /** The body of the {@code 400} response. */
    public DeviceSharingError error() {
        return new DeviceSharingError(code);
    }
}
