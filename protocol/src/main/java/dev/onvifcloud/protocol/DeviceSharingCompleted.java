package dev.onvifcloud.protocol;

import java.util.Objects;

/**
 * Request body of {@code POST /deviceSharingCompleted} ({@code deviceSharingCompleted}), sent to an
 * endpoint reference once the device is configured.
 *
 * @param shareToken the share token of the device configuration this completes, a JWS in compact serialization
 * @param devicePublicKey the device's key material as DER; the specification's text says a PKCS#10
 *     certification request, the member name says a public key: both are DER SEQUENCEs
 */
public record DeviceSharingCompleted(String shareToken, Base64Der devicePublicKey) implements WireMessage {

    public DeviceSharingCompleted {
        WireRules.requireCompactJws(shareToken, "shareToken");
        Objects.requireNonNull(devicePublicKey, "devicePublicKey");
    }

    /** Leaves the share token out: it is a bearer credential. */
    @Override
    public String toString() {
        return "DeviceSharingCompleted[shareToken=(" + shareToken.length() + " chars), devicePublicKey="
                + devicePublicKey + "]";
    }
}
