/**
 * Advanced security service (tas) messages that configure a device for a cloud: key pairs, PKCS#10 CSRs,
 * certificates, certification path validation policies and authorization server configurations.
 */
package dev.onvifcloud.soap.security;
