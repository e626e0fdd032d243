/**
 * The ONVIF Uplink: reverse HTTP/2 ({@code h2c-reverse}) over TLS.
 *
 * <p>The camera (local service) opens a TLS connection to the cloud (remote client), upgrades it to
 * {@code h2c-reverse} and then serves HTTP/2 requests that the cloud sends through it. This package
 * holds the values both sides share: requests, responses, bodies, user levels and connection status.
 * The camera side lives in {@link dev.onvifcloud.uplink.device}, the cloud side in
 * {@link dev.onvifcloud.uplink.cloud}. No Netty type appears in the public API.
 */
package dev.onvifcloud.uplink;
