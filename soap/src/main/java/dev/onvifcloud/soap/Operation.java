package dev.onvifcloud.soap;

import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * One ONVIF operation: its service, name, SOAP action, access class and the codecs of its request and
 * response bodies. The constants live in {@code DeviceOperations}, {@code SecurityOperations},
 * {@code UplinkOperations} and {@code EventOperations}; {@link Operations} indexes them all.
 *
 * @param <Q> request record
 * @param <R> response record
 */
public final class Operation<Q extends SoapRequest, R extends SoapResponse> {

    private final OnvifService service;
    private final String name;
    private final String action;
    private final AccessClass accessClass;
    private final Class<Q> requestType;
    private final MessageCodec<Q> request;
    private final MessageCodec<R> response;

    public Operation(OnvifService service, String name, String action, AccessClass accessClass,
                     Class<Q> requestType, MessageCodec<Q> request, MessageCodec<R> response) {
        this.service = Objects.requireNonNull(service, "service");
        this.name = Objects.requireNonNull(name, "name");
        this.action = Objects.requireNonNull(action, "action");
        this.accessClass = Objects.requireNonNull(accessClass, "accessClass");
        this.requestType = Objects.requireNonNull(requestType, "requestType");
        this.request = Objects.requireNonNull(request, "request");
        this.response = Objects.requireNonNull(response, "response");
    }

    /** The service the operation belongs to. */
    public OnvifService service() {
        return service;
    }

    /** The WSDL operation name, e.g. {@code CreatePKCS10CSR}. */
    public String name() {
        return name;
    }

    /** The SOAP action of the WSDL binding (the {@code action} parameter of the content type). */
    public String action() {
        return action;
    }

    /** The ONVIF access class, for the device's access policy. */
    public AccessClass accessClass() {
        return accessClass;
    }

    /** The request record type. */
    public Class<Q> requestType() {
        return requestType;
    }

    /** The request body element. */
    public QName requestElement() {
        return request.element();
    }

    /** The response body element. */
    public QName responseElement() {
        return response.element();
    }

    /** The HTTP content type of the request: {@code application/soap+xml; charset=utf-8; action="..."}. */
    public String contentType() {
        return SoapContentType.forAction(action).toString();
    }

    MessageCodec<Q> requestCodec() {
        return request;
    }

    MessageCodec<R> responseCodec() {
        return response;
    }

    @Override
    public String toString() {
        return ElementReader.display(request.element());
    }
}
