package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.time.Duration;
import java.util.Objects;

/** tas:CreateECCKeyPairResponse: the new key's ID and how long generating it should take. */
public record CreateECCKeyPairResponse(KeyID keyID, Duration estimatedCreationTime) implements SoapResponse {

    public CreateECCKeyPairResponse {
        Objects.requireNonNull(keyID, "keyID");
        Objects.requireNonNull(estimatedCreationTime, "estimatedCreationTime");
        if (estimatedCreationTime.isNegative()) {
            throw new IllegalArgumentException("EstimatedCreationTime must not be negative");
        }
    }
}
