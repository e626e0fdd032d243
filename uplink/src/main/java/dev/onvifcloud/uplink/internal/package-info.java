/**
 * Not API. The Netty pipeline of both sides of the tunnel: TLS contexts, the HTTP/1.1 upgrade to
 * {@code h2c-reverse}, the frame-level HTTP/2 handlers (with swapped roles), streamed bodies with flow
 * control, and liveness. Types here may change without notice.
 */
package dev.onvifcloud.uplink.internal;
