/** Wire model of the ONVIF Cloud Integration API. */
package dev.onvifcloud.protocol;
