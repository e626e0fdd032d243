package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapResponse;

/** tup:SetUplinkResponse: the uplink configuration was added or modified. */
public record SetUplinkResponse() implements SoapResponse {
}
