/**
 * OAuth 2.0 access tokens of the Operational Cloud's authorization server: JWTs in the shape of RFC 9068
 * ({@code typ: at+jwt}) that a camera presents on its uplink. {@link dev.onvifcloud.security.access.AccessTokenIssuer}
 * signs them, {@link dev.onvifcloud.security.access.AccessTokenVerifier} checks them.
 */
package dev.onvifcloud.security.access;
