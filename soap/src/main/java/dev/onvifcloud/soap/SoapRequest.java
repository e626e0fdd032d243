package dev.onvifcloud.soap;

/** The body of a request: one of the request records of {@code device}, {@code security}, {@code uplink}, {@code events}. */
public interface SoapRequest {
}
