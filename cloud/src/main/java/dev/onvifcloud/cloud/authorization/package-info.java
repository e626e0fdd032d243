/**
 * The Operational Cloud's OAuth 2.0 authorization server: RFC 8414 metadata, the JWKS of its access-token keys,
 * the token endpoint ({@code client_credentials} with {@code private_key_jwt}, RFC 7523) and the uplink
 * authenticator that accepts the access tokens it issues. {@link dev.onvifcloud.cloud.authorization.AuthorizationServer}
 * composes them.
 */
package dev.onvifcloud.cloud.authorization;
