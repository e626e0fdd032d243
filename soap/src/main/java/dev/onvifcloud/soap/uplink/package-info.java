/** Uplink service (tup) messages: GetServiceCapabilities, GetUplinks, SetUplink, DeleteUplink. */
package dev.onvifcloud.soap.uplink;
