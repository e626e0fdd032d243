package dev.onvifcloud.cloud.operational;

/** Why a share token was not added as a camera. */
public enum AddRefusal {
    /** Not a share token: not a JWS, too large, an unsupported algorithm, or a claim missing or of the wrong type. */
    MALFORMED_TOKEN,
    /** {@code onvif:xaddr} is not an https URI with a host. */
    XADDR_NOT_HTTPS,
    /** {@code onvif:xaddr} is a forbidden or unresolvable address (outbound address policy). */
    XADDR_REFUSED,
    /** The token expired. */
    EXPIRED,
    /** Trusted issuers are configured and the token's {@code iss} is not one of them. */
    UNTRUSTED_ISSUER,
    /** The issuer is trusted but the token does not verify with its keys (or breaks its policy). */
    SIGNATURE_NOT_VERIFIED,
    /** The token (or another with its issuer and {@code jti}) was added before. */
    DUPLICATE
}
