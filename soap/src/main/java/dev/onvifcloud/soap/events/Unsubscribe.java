package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;

/** wsnt:Unsubscribe, sent to a subscription manager (pull point): ends it. */
public record Unsubscribe() implements SoapRequest {
}
