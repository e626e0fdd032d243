package dev.onvifcloud.uplink;

/**
 * The ONVIF user level assigned to every request tunneled through an uplink (Uplink specification,
 * "Authentication": the device assigns the configured UserLevel without further authentication).
 */
public enum UserLevel {
    Administrator,
    Operator,
    User
}
