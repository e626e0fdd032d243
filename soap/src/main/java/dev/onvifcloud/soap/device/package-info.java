/** Device service (tds) messages: GetDeviceInformation, GetServices, GetServiceCapabilities, UpgradeFirmware, SystemReboot. */
package dev.onvifcloud.soap.device;
