/**
 * Pieces shared by the JWS-based tokens of onvif-cloud: the compact serialization parsed once at the
 * edge ({@link dev.onvifcloud.security.jose.CompactJws}), typed access to untrusted claims
 * ({@link dev.onvifcloud.security.jose.TokenClaims}), verification keys and public JWK sets, and the
 * rejection reasons every verifier reports ({@link dev.onvifcloud.security.jose.RejectionReason}), and the steps
 * our own tokens' verifiers and issuers share ({@link dev.onvifcloud.security.jose.TrustedKeyVerifier},
 * {@link dev.onvifcloud.security.jose.Es256Signer}, {@link dev.onvifcloud.security.jose.Validity}).
 *
 * <p>Only asymmetric signatures are supported (RS*, PS*, ES*): {@code none} and HMAC can never be
 * accepted, whatever a policy says.
 */
package dev.onvifcloud.security.jose;
