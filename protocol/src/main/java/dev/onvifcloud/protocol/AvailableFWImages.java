package dev.onvifcloud.protocol;

import java.util.List;

/**
 * Response body of {@code POST /getAvailableFWImages}: the firmware versions available for the model.
 * On the wire a bare JSON array of strings; may be empty.
 */
public record AvailableFWImages(List<String> versions) implements WireMessage {

    public AvailableFWImages {
        versions = WireRules.copy(versions, "versions");
        versions.forEach(version -> WireRules.requireNonBlank(version, "versions"));
    }
}
