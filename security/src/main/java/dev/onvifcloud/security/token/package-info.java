/**
 * Share tokens (ONVIF Cloud Integration 25.12, section 4.3): the JWT a Provisioning Cloud Service issues
 * so that an Operational Cloud Service can prove, when calling {@code startDeviceSharing}, the right to
 * share a device. {@link dev.onvifcloud.security.token.ShareTokenIssuer} mints them (ES256),
 * {@link dev.onvifcloud.security.token.ShareTokenVerifier} checks them against a public JWK set and a
 * {@link dev.onvifcloud.security.token.ShareTokenPolicy}, and
 * {@link dev.onvifcloud.security.token.ShareToken#decodeUntrusted(String)} lets an OCS read the claims
 * without keys.
 */
package dev.onvifcloud.security.token;
