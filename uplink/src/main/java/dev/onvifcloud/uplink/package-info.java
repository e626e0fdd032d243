/** The ONVIF Uplink: reverse HTTP/2 (h2c-reverse) over TLS and WebSocket. */
package dev.onvifcloud.uplink;
