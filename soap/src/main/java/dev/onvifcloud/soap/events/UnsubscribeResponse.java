package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapResponse;

/** wsnt:UnsubscribeResponse. */
public record UnsubscribeResponse() implements SoapResponse {
}
