/**
 * A development public key infrastructure minted in code: a local TLS certification authority for the
 * clouds' server and client certificates and a manufacturer certification authority for cameras' birth
 * certificates. EC P-256 keys, SHA256withECDSA signatures. For development, tests and demonstrations only:
 * the CA private keys are held in memory and exported unencrypted.
 */
package dev.onvifcloud.security.pki;
