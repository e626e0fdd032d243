package dev.onvifcloud.protocol;

/**
 * Request body of {@code POST /getAvailableFWImages}.
 *
 * @param model the device model, as in {@code tds:GetDeviceInformationResponse}; required here although
 *     ONVIF's OpenAPI file leaves it optional, since the specification's text makes it mandatory
 */
public record GetAvailableFWImages(String model) implements WireMessage {

    public GetAvailableFWImages {
        WireRules.requireNonBlank(model, "model");
    }
}
