package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapResponse;

/** tup:DeleteUplinkResponse: the uplink configuration was removed. */
public record DeleteUplinkResponse() implements SoapResponse {
}
