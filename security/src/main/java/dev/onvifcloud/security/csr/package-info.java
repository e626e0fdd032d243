/**
 * PKCS#10 certification requests (RFC 2986), as carried by the ONVIF Cloud Integration Specification's
 * {@code deviceSharingCompleted.devicePublicKey}: "a base64 encoded DER-encoded PKCS#10 certification request".
 * {@link dev.onvifcloud.security.csr.CertificationRequest#parse(String)} is the edge where untrusted requests become
 * valid, signature-verified objects or a {@link dev.onvifcloud.security.csr.CertificationRequestRejectedException}
 * with a reason.
 */
package dev.onvifcloud.security.csr;
