/**
 * The device registry of a cloud that cameras connect their factory uplinks to: which cameras are online
 * ({@link dev.onvifcloud.cloud.registry.DeviceRegistry}), recorded as seen in the device store, and a client for
 * standard ONVIF operations over a camera's uplink ({@link dev.onvifcloud.cloud.registry.OnvifClient}).
 */
package dev.onvifcloud.cloud.registry;
