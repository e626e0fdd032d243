/** Share tokens, client assertions, certification requests and the development PKI. */
package dev.onvifcloud.security;
