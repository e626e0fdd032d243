/**
 * The camera (local service) side of the uplink: {@link dev.onvifcloud.uplink.device.UplinkConnector}
 * keeps one configured uplink connected, serves the requests that arrive through it, and reports its
 * status for GetUplinks.
 */
package dev.onvifcloud.uplink.device;
