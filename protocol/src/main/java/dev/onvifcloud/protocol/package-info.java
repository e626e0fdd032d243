/**
 * Wire model of the ONVIF Cloud Integration API (specification 25.12): the messages of
 * {@code startDeviceSharing}, {@code deviceSharingCompleted} and {@code getAvailableFWImages}, the
 * JSON codec {@link dev.onvifcloud.protocol.Json} that reads them from untrusted bytes and writes
 * them, and our OpenAPI 3.1 description of those endpoints ({@link dev.onvifcloud.protocol.OpenApiDocument}).
 *
 * <p>What belongs here is what the wire model itself implies: types, required members, formats
 * (absolute URIs with a host, standard base64 of one DER SEQUENCE, a share token in JWS compact
 * serialization), enumerations, and rules between members of one message (every referenced
 * certification path validation policy alias exists, aliases and uplink remote addresses are unique,
 * one share token per device configuration). Acceptance policy is not here: HTTPS only, which
 * addresses a device may be sent to, share token signatures and claims belong to the modules that
 * decide whether to act on a valid message.
 */
package dev.onvifcloud.protocol;
