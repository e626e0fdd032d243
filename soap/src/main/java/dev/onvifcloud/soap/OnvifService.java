package dev.onvifcloud.soap;

/** The ONVIF services whose operations this module carries, with their WSDL namespaces. */
public enum OnvifService {
    DEVICE(Namespaces.TDS),
    ADVANCED_SECURITY(Namespaces.TAS),
    UPLINK(Namespaces.TUP),
    EVENTS(Namespaces.TEV);

    private final String namespace;

    OnvifService(String namespace) {
        this.namespace = namespace;
    }

    /** The service's WSDL target namespace (as returned in GetServices). */
    public String namespace() {
        return namespace;
    }
}
