package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.storage.OcsCamera;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one share token of an add request: the camera, or why it was refused.
 *
 * @param index the token's position in the request
 */
public record AddedCamera(int index, Optional<OcsCamera> camera, Optional<AddRefusal> refusal) {

    public AddedCamera {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(refusal, "refusal");
        if (camera.isPresent() == refusal.isPresent()) {
            throw new IllegalArgumentException("either a camera or a refusal");
        }
    }

    static AddedCamera added(int index, OcsCamera camera) {
        return new AddedCamera(index, Optional.of(camera), Optional.empty());
    }

    static AddedCamera refused(int index, AddRefusal refusal) {
        return new AddedCamera(index, Optional.empty(), Optional.of(refusal));
    }
}
