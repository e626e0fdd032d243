package dev.onvifcloud.security.token;

import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenClaims;
import dev.onvifcloud.security.jose.TokenRejectedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;

/**
 * The claims of a share token: the registered claims {@code iss}, {@code jti}, {@code iat}, {@code exp}
 * and the ONVIF claims of section 4.3. Times have whole seconds (JWT NumericDate).
 *
 * @param issuer {@code iss}, the issuing Provisioning Cloud Service
 * @param jwtId {@code jti}, unique per token
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}, after {@code issuedAt}
 * @param xaddr {@code onvif:xaddr}, the URI where the PCS accepts the OCS's requests: absolute
 *     {@code https} with a host, no user info, no fragment
 * @param serialNumber {@code onvif:sn}, as returned by the device's {@code GetDeviceInformation}
 * @param model {@code onvif:model}, likewise
 * @param manufacturer {@code onvif:manufacturer}, likewise
 */
public record ShareTokenClaims(
        String issuer,
        String jwtId,
        Instant issuedAt,
        Instant expiresAt,
        URI xaddr,
        String serialNumber,
        String model,
        String manufacturer) {

    /** The claim name of {@link #xaddr()}. */
    public static final String XADDR = "onvif:xaddr";
    /** The claim name of {@link #serialNumber()}. */
    public static final String SERIAL_NUMBER = "onvif:sn";
    /** The claim name of {@link #model()}. */
    public static final String MODEL = "onvif:model";
    /** The claim name of {@link #manufacturer()}. */
    public static final String MANUFACTURER = "onvif:manufacturer";

    public ShareTokenClaims {
        requireText(issuer, JWTClaimNames.ISSUER);
        requireText(jwtId, JWTClaimNames.JWT_ID);
        requireWholeSeconds(issuedAt, JWTClaimNames.ISSUED_AT);
        requireWholeSeconds(expiresAt, JWTClaimNames.EXPIRATION_TIME);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp must be after iat");
        }
        if (!isValidXaddr(xaddr)) {
            throw new IllegalArgumentException(XADDR + " must be an absolute https URI with a host");
        }
        requireText(serialNumber, SERIAL_NUMBER);
        requireText(model, MODEL);
        requireText(manufacturer, MANUFACTURER);
    }

    /** Whether {@code xaddr} is acceptable as {@code onvif:xaddr}. */
    static boolean isValidXaddr(URI xaddr) {
        return xaddr != null
                && xaddr.isAbsolute()
                && "https".equals(xaddr.getScheme().toLowerCase(Locale.ROOT))
                && xaddr.getHost() != null
                && xaddr.getRawUserInfo() == null
                && xaddr.getRawFragment() == null;
    }

    /** Reads the claims of a decoded token: absence is MISSING_CLAIM, a wrong type or value INVALID_CLAIM. */
    static ShareTokenClaims read(TokenClaims claims) throws TokenRejectedException {
        String issuer = claims.requiredString(JWTClaimNames.ISSUER);
        String jwtId = claims.requiredString(JWTClaimNames.JWT_ID);
        Instant issuedAt = claims.requiredNumericDate(JWTClaimNames.ISSUED_AT);
        Instant expiresAt = claims.requiredNumericDate(JWTClaimNames.EXPIRATION_TIME);
        String xaddrText = claims.requiredString(XADDR);
        String serialNumber = claims.requiredString(SERIAL_NUMBER);
        String model = claims.requiredString(MODEL);
        String manufacturer = claims.requiredString(MANUFACTURER);
        if (!expiresAt.isAfter(issuedAt)) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, JWTClaimNames.EXPIRATION_TIME);
        }
        URI xaddr;
        try {
            xaddr = new URI(xaddrText);
        } catch (URISyntaxException e) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, XADDR);
        }
        if (!isValidXaddr(xaddr)) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, XADDR);
        }
        return new ShareTokenClaims(issuer, jwtId, issuedAt, expiresAt, xaddr, serialNumber, model, manufacturer);
    }

    /** The claims as Nimbus claims set, for signing. */
    JWTClaimsSet toJWTClaimsSet() {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .jwtID(jwtId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim(XADDR, xaddr.toString())
                .claim(SERIAL_NUMBER, serialNumber)
                .claim(MODEL, model)
                .claim(MANUFACTURER, manufacturer)
                .build();
    }

    private static void requireText(String value, String claim) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(claim + " must be a non-empty string");
        }
    }

    private static void requireWholeSeconds(Instant value, String claim) {
        Objects.requireNonNull(value, claim);
        if (value.getNano() != 0) {
            throw new IllegalArgumentException(claim + " must have whole seconds");
        }
    }
}
