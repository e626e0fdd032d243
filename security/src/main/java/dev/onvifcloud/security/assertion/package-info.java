/**
 * Client assertions for OAuth 2.0 client authentication with {@code private_key_jwt} (RFC 7523
 * section 2.2, RFC 7521, OpenID Connect Core section 9): a camera signs a short-lived JWT with the key
 * of its ONVIF {@code AuthorizationServerConfiguration} ({@code KeyID} becomes the {@code kid} header)
 * and the authorization server verifies it against the public key registered for the client id,
 * allowing each {@code jti} once.
 */
package dev.onvifcloud.security.assertion;
