package dev.onvifcloud.soap;

import java.util.Objects;

/**
 * What a device answered to a request: the response record or a SOAP fault. A fault is a normal answer
 * (the device refused), not an exception.
 *
 * @param <R> the response record
 */
public sealed interface Reply<R extends SoapResponse> permits Reply.Success, Reply.Failure {

    /** The device carried out the request. */
    record Success<R extends SoapResponse>(R response) implements Reply<R> {
        public Success {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The device answered with a fault. */
    record Failure<R extends SoapResponse>(SoapFault fault) implements Reply<R> {
        public Failure {
            Objects.requireNonNull(fault, "fault");
        }
    }
}
