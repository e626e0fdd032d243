package dev.onvifcloud.soap;

/** The body of a successful response: one of the response records of the service packages. */
public interface SoapResponse {
}
