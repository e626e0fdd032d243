package dev.onvifcloud.cloud.notification;

/** Why one endpoint did not take a notification. */
public enum DeliveryFailure {
    /** The {@code OutboundAddressPolicy} refused the endpoint at send time: its scheme, authority or address. */
    ADDRESS_REFUSED,
    /** No TCP connection within the connect timeout, or it was refused. */
    CONNECT_FAILED,
    /** The TLS handshake failed: certificate not trusted, name mismatch, no common protocol. */
    TLS_FAILED,
    /** The exchange did not finish within the request timeout. */
    TIMED_OUT,
    /** The answer was not HTTP/1.x, or its head was larger than we read. */
    BAD_RESPONSE,
    /** The endpoint answered with a status other than 2xx. */
    REFUSED_STATUS,
    /** The connection failed after it was established. */
    CONNECTION_LOST
}
