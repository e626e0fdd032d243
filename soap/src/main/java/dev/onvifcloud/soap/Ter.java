package dev.onvifcloud.soap;

import javax.xml.namespace.QName;

/**
 * ONVIF fault subcodes ({@code ter:} namespace) used by the generic SOAP faults of the ONVIF Core
 * specification and by the Security and Uplink services. Any other subcode is made with {@link #of(String)}.
 */
public final class Ter {

    // Generic faults (ONVIF Core).
    public static final QName WELL_FORMED = of("WellFormed");
    public static final QName TAG_MISMATCH = of("TagMismatch");
    public static final QName TAG = of("Tag");
    public static final QName NAMESPACE = of("Namespace");
    public static final QName MISSING_ATTR = of("MissingAttr");
    public static final QName PROHIB_ATTR = of("ProhibAttr");
    public static final QName INVALID_ARGS = of("InvalidArgs");
    public static final QName INVALID_ARG_VAL = of("InvalidArgVal");
    public static final QName UNKNOWN_ACTION = of("UnknownAction");
    public static final QName OPERATION_PROHIBITED = of("OperationProhibited");
    public static final QName NOT_AUTHORIZED = of("NotAuthorized");
    public static final QName ACTION_NOT_SUPPORTED = of("ActionNotSupported");
    public static final QName ACTION = of("Action");
    public static final QName OUT_OF_MEMORY = of("OutofMemory");
    public static final QName CRITICAL_ERROR = of("CriticalError");

    // Security service.
    public static final QName KEY_ID = of("KeyID");
    public static final QName CERTIFICATE_ID = of("CertificateID");
    public static final QName CERT_PATH_VALIDATION_POLICY_ID = of("CertPathValidationPolicyID");
    public static final QName CERT_PATH_VALIDATION_PARAMETERS = of("CertPathValidationParameters");
    public static final QName REFERENCE_EXISTS = of("ReferenceExists");
    public static final QName MAXIMUM_NUMBER_OF_KEYS_REACHED = of("MaximumNumberOfKeysReached");
    public static final QName MAXIMUM_NUMBER_OF_CERTIFICATES_REACHED = of("MaximumNumberOfCertificatesReached");
    public static final QName MAXIMUM_NUMBER_OF_CERT_PATH_VALIDATION_POLICIES_REACHED =
            of("MaximumNumberOfCertPathValidationPoliciesReached");
    public static final QName UNSUPPORTED_ELLIPTIC_CURVE = of("UnsupportedEllipticCurve");
    public static final QName UNSUPPORTED_SIGNATURE_ALGORITHM = of("UnsupportedSignatureAlgorithm");
    public static final QName UNSUPPORTED_PUBLIC_KEY_ALGORITHM = of("UnsupportedPublicKeyAlgorithm");
    public static final QName KEY_SIGNATURE_ALGORITHM_MISMATCH = of("KeySignatureAlgorithmMismatch");
    public static final QName INVALID_KEY_STATUS = of("InvalidKeyStatus");
    public static final QName INVALID_SUBJECT = of("InvalidSubject");
    public static final QName INVALID_ATTRIBUTE = of("InvalidAttribute");
    public static final QName CSR_CREATION_FAILED = of("CSRCreationFailed");
    public static final QName KEY_DELETION_FAILED = of("KeyDeletionFailed");
    public static final QName CERTIFICATE_DELETION_FAILED = of("CertificateDeletionFailed");
    public static final QName BAD_CERTIFICATE = of("BadCertificate");
    public static final QName NO_MATCHING_PRIVATE_KEY = of("NoMatchingPrivateKey");
    public static final QName DUPLICATE = of("Duplicate");
    public static final QName NO_CONFIG = of("NoConfig");
    public static final QName INVALID_CONFIG = of("InvalidConfig");
    public static final QName MAX_AUTHORIZATION_SERVERS = of("MaxAuthorizationServers");

    // Uplink service.
    public static final QName ADDRESS = of("Address");
    public static final QName AUTHORIZATION_SERVER_CONFIGURATION_TOKEN = of("AuthorizationServerConfigurationToken");
    public static final QName MISSING_AUTHENTICATION = of("MissingAuthentication");
    public static final QName AMBIGUOUS_AUTHENTICATION = of("AmbiguousAuthentication");
    public static final QName PROTOCOL_NOT_SUPPORTED = of("ProtocolNotSupported");

    private Ter() {
    }

    /** The subcode {@code ter:localName}. */
    public static QName of(String localName) {
        return new QName(Namespaces.TER, localName, "ter");
    }
}
