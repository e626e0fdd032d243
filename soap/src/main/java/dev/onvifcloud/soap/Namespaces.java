package dev.onvifcloud.soap;

import java.util.Map;
import java.util.Optional;

/** The XML namespaces of the messages in this module, with the prefixes ONVIF uses for them. */
public final class Namespaces {

    /** SOAP 1.2 envelope ({@code env}). */
    public static final String ENV = "http://www.w3.org/2003/05/soap-envelope";
    /** SOAP 1.1 envelope: only recognised to answer with a VersionMismatch fault. */
    public static final String SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    /** ONVIF schema ({@code tt}). */
    public static final String TT = "http://www.onvif.org/ver10/schema";
    /** ONVIF device service ({@code tds}). */
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    /** ONVIF advanced security service ({@code tas}). */
    public static final String TAS = "http://www.onvif.org/ver10/advancedsecurity/wsdl";
    /** ONVIF uplink service ({@code tup}). */
    public static final String TUP = "http://www.onvif.org/ver10/uplink/wsdl";
    /** ONVIF event service ({@code tev}). */
    public static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    /** ONVIF fault subcodes ({@code ter}). */
    public static final String TER = "http://www.onvif.org/ver10/error";
    /** ONVIF topic namespace ({@code tns1}). */
    public static final String TNS1 = "http://www.onvif.org/ver10/topics";
    /** OASIS WS-BaseNotification 1.3 ({@code wsnt}). */
    public static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    /** OASIS WS-Topics 1.3 ({@code wstop}). */
    public static final String WSTOP = "http://docs.oasis-open.org/wsn/t-1";
    /** W3C WS-Addressing 1.0 ({@code wsa}). */
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    /** OASIS WS-Security 1.0 extension ({@code wsse}). */
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** The XML namespace ({@code xml:lang}). */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry(ENV, "env"), Map.entry(TT, "tt"), Map.entry(TDS, "tds"), Map.entry(TAS, "tas"),
            Map.entry(TUP, "tup"), Map.entry(TEV, "tev"), Map.entry(TER, "ter"), Map.entry(TNS1, "tns1"),
            Map.entry(WSNT, "wsnt"), Map.entry(WSTOP, "wstop"), Map.entry(WSA, "wsa"), Map.entry(WSSE, "wsse"),
            Map.entry(XML, "xml"));

    private Namespaces() {
    }

    /** The conventional prefix of a namespace this module knows. */
    public static Optional<String> prefixOf(String namespace) {
        return Optional.ofNullable(PREFIXES.get(namespace));
    }
}
