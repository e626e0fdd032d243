/**
 * Event service (tev) and WS-BaseNotification (wsnt) messages for a pull-point subscription, the ONVIF
 * notification payload (tt:Message) and the {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed} event.
 */
package dev.onvifcloud.soap.events;
