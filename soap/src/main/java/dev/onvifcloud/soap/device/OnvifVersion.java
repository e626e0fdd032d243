package dev.onvifcloud.soap.device;

/** tt:OnvifVersion: major version and two-digit minor version (month of release since 16.06). */
public record OnvifVersion(int major, int minor) {

    public OnvifVersion {
        if (major < 0 || minor < 0 || minor > 99) {
            throw new IllegalArgumentException("An ONVIF version has a non-negative major and a minor of 0 to 99");
        }
    }
}
