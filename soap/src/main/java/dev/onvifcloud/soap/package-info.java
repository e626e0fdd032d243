/**
 * SOAP 1.2 for ONVIF over the uplink: {@link dev.onvifcloud.soap.SoapCodec} reads and writes envelopes
 * (bounded by {@link dev.onvifcloud.soap.SoapLimits}, no DTDs, no entities), faults are values
 * ({@link dev.onvifcloud.soap.SoapFault} with {@code ter:} subcodes from {@link dev.onvifcloud.soap.Ter}),
 * and every operation is an {@link dev.onvifcloud.soap.Operation} with its SOAP action, its ONVIF
 * {@link dev.onvifcloud.soap.AccessClass} and the codecs of its request and response records.
 *
 * <p>A cloud writes a request and reads the {@link dev.onvifcloud.soap.Reply}:
 * <pre>{@code
 * byte[] body = codec.writeRequest(UplinkOperations.SET_UPLINK, new SetUplink(configuration));
 * // POST body with Content-Type UplinkOperations.SET_UPLINK.contentType()
 * Reply<SetUplinkResponse> reply = codec.readResponse(UplinkOperations.SET_UPLINK, answer);
 * }</pre>
 * A device reads the request, checks the access class, and answers:
 * <pre>{@code
 * IncomingRequest in = codec.readRequest(body);          // or catch SoapFaultException: codec.writeFault(e.fault())
 * if (!in.operation().accessClass().allowedByDefaultTo(userLevel)) { ... Ter.NOT_AUTHORIZED ... }
 * }</pre>
 * The messages live in {@code device}, {@code security}, {@code uplink} and {@code events}.
 */
package dev.onvifcloud.soap;
