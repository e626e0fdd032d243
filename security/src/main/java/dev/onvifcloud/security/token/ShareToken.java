package dev.onvifcloud.security.token;

import dev.onvifcloud.security.jose.CompactJws;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.jose.VerificationKey;
import java.util.Objects;

/**
 * A share token: its compact serialization and its claims.
 *
 * <p>A {@code ShareToken} comes either from {@link ShareTokenIssuer#issue}, from
 * {@link ShareTokenVerifier#verify} (signature and policy checked) or from {@link #decodeUntrusted}
 * (nothing checked but form and types). {@link #toString()} never shows the serialization.
 *
 * @param serialized the JWS compact serialization, as sent to the PCS
 * @param claims the claims it carries
 */
public record ShareToken(String serialized, ShareTokenClaims claims) {

    public ShareToken {
        Objects.requireNonNull(serialized, "serialized");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * Reads a share token's claims without verifying it, e.g. for an OCS that has no key of the PCS but
     * wants to show which device it is about or where {@code onvif:xaddr} points. Nothing read here is
     * proof of anything. Still bounded and typed: the token must be at most
     * {@link ShareTokenPolicy#DEFAULT_MAX_TOKEN_BYTES} long, a JWS with an asymmetric {@code alg} and no
     * {@code crit}, and carry every share-token claim with the right type.
     *
     * @throws TokenRejectedException TOO_LARGE, MALFORMED, UNSUPPORTED_ALGORITHM, UNSUPPORTED_CRITICAL_HEADER,
     *     MISSING_CLAIM or INVALID_CLAIM
     */
    public static ShareToken decodeUntrusted(String serialized) throws TokenRejectedException {
        CompactJws jws = CompactJws.parse(
                serialized, ShareTokenPolicy.DEFAULT_MAX_TOKEN_BYTES, VerificationKey.SUPPORTED_ALGORITHMS);
        return new ShareToken(serialized, ShareTokenClaims.read(jws.claims()));
    }

    /** Names the token by its {@code jti} and device; never shows the serialization. */
    @Override
    public String toString() {
        return "ShareToken[jti=" + claims.jwtId()
                + ", iss=" + claims.issuer()
                + ", sn=" + claims.serialNumber()
                + ", exp=" + claims.expiresAt() + "]";
    }
}
