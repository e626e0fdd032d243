/**
 * The cloud (remote client) side of the uplink: {@link dev.onvifcloud.uplink.cloud.UplinkAcceptor}
 * accepts cameras' TLS connections, authenticates their upgrade requests, and keeps one
 * {@link dev.onvifcloud.uplink.cloud.UplinkSession} per camera through which the cloud sends HTTP
 * requests to the camera.
 */
package dev.onvifcloud.uplink.cloud;
