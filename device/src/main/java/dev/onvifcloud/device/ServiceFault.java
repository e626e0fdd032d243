package dev.onvifcloud.device;

import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.Ter;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * An operation the device refused or could not carry out: the {@link SoapFault} to answer with. Subcodes are those
 * the Security, Uplink and Core specifications list for the operation, so a caller can branch on them.
 */
public final class ServiceFault extends Exception {

    private final transient SoapFault fault;

    public ServiceFault(SoapFault fault) {
        super(Objects.requireNonNull(fault, "fault").reason());
        this.fault = fault;
    }

    /** The fault to send. */
    public SoapFault fault() {
        return fault;
    }

    /** {@code env:Sender / ter:InvalidArgVal / subcode}. */
    public static ServiceFault invalidArgVal(QName subcode, String reason) {
        return new ServiceFault(SoapFault.sender(reason, Ter.INVALID_ARG_VAL, subcode));
    }

    /** {@code env:Sender / ter:InvalidArgs / subcode}. */
    public static ServiceFault invalidArgs(QName subcode, String reason) {
        return new ServiceFault(SoapFault.sender(reason, Ter.INVALID_ARGS, subcode));
    }

    /** {@code env:Receiver / ter:Action / subcode}. */
    public static ServiceFault action(QName subcode, String reason) {
        return new ServiceFault(SoapFault.receiver(reason, Ter.ACTION, subcode));
    }
}
