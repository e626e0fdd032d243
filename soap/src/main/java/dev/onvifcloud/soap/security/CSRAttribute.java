package dev.onvifcloud.soap.security;

/** tas:CSRAttribute: an attribute for a PKCS#10 certification request. */
public sealed interface CSRAttribute permits X509v3Extension, BasicRequestAttribute {
}
