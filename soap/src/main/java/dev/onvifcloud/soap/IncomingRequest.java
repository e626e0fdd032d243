package dev.onvifcloud.soap;

import java.util.Objects;
import java.util.Optional;

/**
 * A request a device received, parsed: the operation (to check its access class and dispatch), the request
 * record and the SOAP header.
 */
public record IncomingRequest(Operation<?, ?> operation, SoapRequest request, SoapHeaders headers) {

    public IncomingRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(headers, "headers");
        if (!operation.requestType().isInstance(request)) {
            throw new IllegalArgumentException("The request is not of the operation's request type");
        }
    }

    /** The request, if it is for this operation. */
    public <Q extends SoapRequest> Optional<Q> as(Operation<Q, ?> expected) {
        return operation == expected ? Optional.of(expected.requestType().cast(request)) : Optional.empty();
    }
}
