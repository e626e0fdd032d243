package dev.onvifcloud.cloud.storage;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Progress of one step of a sharing operation, as a worker records it.
 *
 * @param name the step, such as {@code UploadCertificate}: letters, digits, {@code _ - . :}, 1 to 64 characters
 * @param ordinal the step's place in the operation's plan
 * @param createdOnCamera what the step created on the camera, by name ({@code certificateId}, {@code keyId},
 *     {@code certPathValidationPolicyId}, ...), so that compensation can remove it; names not empty
 */
public record StepProgress(String name, int ordinal, StepStatus status, Map<String, String> createdOnCamera) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public StepProgress {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("step name must be 1 to 64 letters, digits or _ - . :");
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must not be negative");
        }
        Objects.requireNonNull(status, "status");
        createdOnCamera = Map.copyOf(createdOnCamera);
        if (createdOnCamera.containsKey("")) {
            throw new IllegalArgumentException("createdOnCamera names must not be empty");
        }
    }
}
