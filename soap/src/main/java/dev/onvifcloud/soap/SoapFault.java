package dev.onvifcloud.soap;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * A SOAP 1.2 fault as ONVIF uses it: a top-level {@link Code}, a chain of subcodes (usually {@code ter:}
 * QNames, most generic first, e.g. {@code ter:InvalidArgVal}, {@code ter:KeyID}), a human-readable reason
 * and optional detail entries.
 */
public record SoapFault(Code code, List<QName> subcodes, String reason, List<XmlElement> detail) {

    /** The SOAP 1.2 fault codes ({@code env:Value} of {@code env:Code}). */
    public enum Code {
        VersionMismatch, MustUnderstand, DataEncodingUnknown, Sender, Receiver;

        /** The code as a QName in the SOAP 1.2 envelope namespace. */
        public QName qname() {
            return new QName(Namespaces.ENV, name(), "env");
        }
    }

    public SoapFault {
        Objects.requireNonNull(code, "code");
        subcodes = List.copyOf(subcodes);
        for (QName subcode : subcodes) {
            if (subcode.getNamespaceURI().isEmpty()) {
                throw new IllegalArgumentException("A fault subcode must be namespace-qualified: " + subcode);
            }
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("A fault needs a reason");
        }
        detail = List.copyOf(detail);
    }

    /** An {@code env:Sender} fault: the request was wrong. */
    public static SoapFault sender(String reason, QName... subcodes) {
        return new SoapFault(Code.Sender, List.of(subcodes), reason, List.of());
    }

    /** An {@code env:Receiver} fault: the request was right but the device could not carry it out. */
    public static SoapFault receiver(String reason, QName... subcodes) {
        return new SoapFault(Code.Receiver, List.of(subcodes), reason, List.of());
    }

    /** This fault with detail entries. */
    public SoapFault withDetail(XmlElement... entries) {
        return new SoapFault(code, subcodes, reason, List.of(entries));
    }

    /** Whether the subcode chain starts with these subcodes (e.g. {@code ter:InvalidArgVal, ter:KeyID}). */
    public boolean hasSubcodes(QName... prefix) {
        if (prefix.length > subcodes.size()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!prefix[i].equals(subcodes.get(i))) {
                return false;
            }
        }
        return true;
    }
}
