package dev.onvifcloud.cloud.storage;

import java.util.Objects;

/**
 * Why a sharing request was refused: the share token of one of its operations could not be used.
 *
 * @param index the position of that operation in the request
 */
public record RefusedShareToken(int index, String jti, ShareTokenRefusal reason) {

    public RefusedShareToken {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(reason, "reason");
    }
}
