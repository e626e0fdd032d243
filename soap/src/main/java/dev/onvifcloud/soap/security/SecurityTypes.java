package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.ElementReader;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.XmlWriter;
import dev.onvifcloud.soap.XsdTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/** Readers and writers of the advanced security service's complex types (shared by several messages). */
final class SecurityTypes {

    static final QName KEY_ID = tas("KeyID");
    static final QName CERTIFICATE_ID = tas("CertificateID");
    static final QName CERT_PATH_VALIDATION_POLICY_ID = tas("CertPathValidationPolicyID");
    static final QName ALIAS = tas("Alias");
    static final QName TOKEN = tas("Token");
    static final QName CONFIGURATION = tas("Configuration");
    private static final QName ALGORITHM = tas("algorithm");
    private static final QName PARAMETERS_DER = tas("parameters");
    private static final QName TYPE = tas("Type");
    private static final QName VALUE = tas("Value");
    private static final QName ATTRIBUTE = tas("Attribute");
    private static final QName GENERIC_ATTRIBUTE = tas("GenericAttribute");
    private static final QName MULTI_VALUED_RDN = tas("MultiValuedRDN");
    private static final QName ANY_ATTRIBUTE = tas("anyAttribute");
    private static final QName DOMAIN_COMPONENT = tas("DomainComponent");
    private static final QName X509V3_EXTENSION = tas("X509v3Extension");
    private static final QName EXTN_OID = tas("extnOID");
    private static final QName CRITICAL = tas("critical");
    private static final QName EXTN_VALUE = tas("extnValue");
    private static final QName BASIC_REQUEST_ATTRIBUTE = tas("BasicRequestAttribute");
    private static final QName OID = tas("OID");
    private static final QName OID_VALUE = tas("value");
    private static final QName HAS_PRIVATE_KEY_LOWER = tas("hasPrivateKey");
    private static final QName KEY_STATUS = tas("KeyStatus");
    private static final QName EXTERNALLY_GENERATED = tas("externallyGenerated");
    private static final QName SECURELY_STORED = tas("securelyStored");
    private static final QName CERTIFICATE_CONTENT = tas("CertificateContent");
    private static final QName HAS_PRIVATE_KEY = tas("HasPrivateKey");
    static final QName PARAMETERS = tas("Parameters");
    static final QName TRUST_ANCHOR = tas("TrustAnchor");
    private static final QName REQUIRE_EKU = tas("RequireTLSWWWClientAuthExtendedKeyUsage");
    private static final QName USE_DELTA_CRLS = tas("UseDeltaCRLs");
    private static final QName DATA = tas("Data");
    private static final QName SERVER_URI = tas("ServerUri");
    private static final QName CLIENT_ID = tas("ClientID");
    private static final QName CLIENT_SECRET = tas("ClientSecret");
    private static final QName SCOPE = tas("Scope");
    private static final QName SIGNATURE_ALGORITHMS = tas("SignatureAlgorithms");
    private static final QName KEYSTORE_CAPABILITIES = tas("KeystoreCapabilities");
    private static final QName TLS_SERVER_CAPABILITIES = tas("TLSServerCapabilities");
    private static final QName DOT1X_CAPABILITIES = tas("Dot1XCapabilities");
    private static final QName AUTHORIZATION_SERVER = tas("AuthorizationServer");
    private static final QName MEDIA_SIGNING = tas("MediaSigning");

    private SecurityTypes() {
    }

    static QName tas(String localName) {
        return new QName(Namespaces.TAS, localName, "tas");
    }

    // ------------------------------------------------------------ simple values

    static Base64DERencodedASN1Value der(String text) {
        return new Base64DERencodedASN1Value(XsdTypes.parseBase64(text));
    }

    static String der(Base64DERencodedASN1Value value) {
        return XsdTypes.formatBase64(value.der());
    }

    static KeyID keyID(String text) {
        return new KeyID(text.strip());
    }

    static CertificateID certificateID(String text) {
        return new CertificateID(text.strip());
    }

    static CertPathValidationPolicyID policyID(String text) {
        return new CertPathValidationPolicyID(text.strip());
    }

    static ReferenceToken token(String text) {
        return new ReferenceToken(text.strip());
    }

    // ------------------------------------------------------------ AlgorithmIdentifier

    static AlgorithmIdentifier readAlgorithm(ElementReader element) throws SoapFaultException {
        String algorithm = element.required(ALGORITHM, String::strip);
        Optional<Base64DERencodedASN1Value> parameters = element.optional(PARAMETERS_DER, SecurityTypes::der);
        return element.build(() -> new AlgorithmIdentifier(algorithm, parameters));
    }

    static void writeAlgorithm(XmlWriter writer, QName name, AlgorithmIdentifier algorithm) {
        writer.start(name).element(ALGORITHM, algorithm.algorithm());
        algorithm.parameters().ifPresent(parameters -> writer.element(PARAMETERS_DER, der(parameters)));
        writer.end();
    }

    // ------------------------------------------------------------ DistinguishedName

    static DistinguishedName readDistinguishedName(ElementReader element) throws SoapFaultException {
        List<DistinguishedName.Attribute> attributes = new ArrayList<>();
        for (DistinguishedName.Name name : DistinguishedName.Name.values()) {
            for (String value : element.all(tas(name.name()), text -> text)) {
                attributes.add(new DistinguishedName.Attribute(name, value));
            }
        }
        List<DNAttributeTypeAndValue> generic = new ArrayList<>();
        for (ElementReader attribute : element.all(GENERIC_ATTRIBUTE)) {
            generic.add(readTypeAndValue(attribute));
        }
        List<MultiValuedRDN> multiValued = new ArrayList<>();
        for (ElementReader rdn : element.all(MULTI_VALUED_RDN)) {
            List<DNAttributeTypeAndValue> values = new ArrayList<>();
            for (ElementReader attribute : rdn.all(ATTRIBUTE)) {
                values.add(readTypeAndValue(attribute));
            }
            multiValued.add(new MultiValuedRDN(values));
        }
        List<String> domainComponents = new ArrayList<>();
        Optional<ElementReader> any = element.optional(ANY_ATTRIBUTE);
        if (any.isPresent()) {
            domainComponents.addAll(any.get().all(DOMAIN_COMPONENT, text -> text));
        }
        return element.build(() -> new DistinguishedName(attributes, generic, multiValued, domainComponents));
    }

    private static DNAttributeTypeAndValue readTypeAndValue(ElementReader element) throws SoapFaultException {
        String type = element.required(TYPE, String::strip);
        String value = element.required(VALUE, text -> text);
        return element.build(() -> new DNAttributeTypeAndValue(type, value));
    }

    static void writeDistinguishedName(XmlWriter writer, QName name, DistinguishedName subject) {
        writer.start(name);
        for (DistinguishedName.Attribute attribute : subject.attributes()) {
            writer.element(tas(attribute.name().name()), attribute.value());
        }
        for (DNAttributeTypeAndValue attribute : subject.genericAttributes()) {
            writeTypeAndValue(writer, GENERIC_ATTRIBUTE, attribute);
        }
        for (MultiValuedRDN rdn : subject.multiValuedRDNs()) {
            writer.start(MULTI_VALUED_RDN);
            rdn.attributes().forEach(attribute -> writeTypeAndValue(writer, ATTRIBUTE, attribute));
            writer.end();
        }
        if (!subject.domainComponents().isEmpty()) {
            writer.start(ANY_ATTRIBUTE);
            subject.domainComponents().forEach(component -> writer.element(DOMAIN_COMPONENT, component));
            writer.end();
        }
        writer.end();
    }

    private static void writeTypeAndValue(XmlWriter writer, QName name, DNAttributeTypeAndValue attribute) {
        writer.start(name).element(TYPE, attribute.type()).element(VALUE, attribute.value()).end();
    }

    // ------------------------------------------------------------ CSRAttribute

    static CSRAttribute readCsrAttribute(ElementReader element) throws SoapFaultException {
        Optional<ElementReader> extension = element.optional(X509V3_EXTENSION);
        Optional<ElementReader> basic = element.optional(BASIC_REQUEST_ATTRIBUTE);
        if (extension.isPresent() == basic.isPresent()) {
            throw new SoapFaultException(SoapFaultException.Reason.INVALID_ARG_VAL, dev.onvifcloud.soap.SoapFault
                    .sender("A tas:CSRAttribute must hold one X509v3Extension or BasicRequestAttribute",
                            dev.onvifcloud.soap.Ter.INVALID_ARG_VAL, dev.onvifcloud.soap.Ter.INVALID_ATTRIBUTE));
        }
        if (extension.isPresent()) {
            ElementReader e = extension.get();
            String oid = e.required(EXTN_OID, String::strip);
            boolean critical = e.optional(CRITICAL, XsdTypes::parseBoolean).orElse(false);
            Base64DERencodedASN1Value value = e.required(EXTN_VALUE, SecurityTypes::der);
            return e.build(() -> new X509v3Extension(oid, critical, value));
        }
        ElementReader b = basic.get();
        String oid = b.required(OID, String::strip);
        Base64DERencodedASN1Value value = b.required(OID_VALUE, SecurityTypes::der);
        return b.build(() -> new BasicRequestAttribute(oid, value));
    }

    static void writeCsrAttribute(XmlWriter writer, QName name, CSRAttribute attribute) {
        writer.start(name);
        if (attribute instanceof X509v3Extension extension) {
            writer.start(X509V3_EXTENSION).element(EXTN_OID, extension.extnOID())
                    .element(CRITICAL, Boolean.toString(extension.critical()))
                    .element(EXTN_VALUE, der(extension.extnValue())).end();
        } else if (attribute instanceof BasicRequestAttribute basic) {
            writer.start(BASIC_REQUEST_ATTRIBUTE).element(OID, basic.oid()).element(OID_VALUE, der(basic.value())).end();
        }
        writer.end();
    }

    // ------------------------------------------------------------ keys and certificates

    static KeyAttribute readKeyAttribute(ElementReader element) throws SoapFaultException {
        KeyID keyID = element.required(KEY_ID, SecurityTypes::keyID);
        Optional<String> alias = element.optional(ALIAS, text -> text);
        Optional<Boolean> hasPrivateKey = element.optional(HAS_PRIVATE_KEY_LOWER, XsdTypes::parseBoolean);
        KeyStatus status = element.required(KEY_STATUS, KeyStatus::parse);
        Optional<Boolean> external = element.optional(EXTERNALLY_GENERATED, XsdTypes::parseBoolean);
        Optional<Boolean> secure = element.optional(SECURELY_STORED, XsdTypes::parseBoolean);
        return element.build(() -> new KeyAttribute(keyID, alias, hasPrivateKey, status, external, secure));
    }

    static void writeKeyAttribute(XmlWriter writer, QName name, KeyAttribute key) {
        writer.start(name).element(KEY_ID, key.keyID().value()).optionalElement(ALIAS, key.alias())
                .optionalElement(HAS_PRIVATE_KEY_LOWER, key.hasPrivateKey().map(String::valueOf))
                .element(KEY_STATUS, key.keyStatus().wireValue())
                .optionalElement(EXTERNALLY_GENERATED, key.externallyGenerated().map(String::valueOf))
                .optionalElement(SECURELY_STORED, key.securelyStored().map(String::valueOf))
                .end();
    }

    static X509Certificate readCertificate(ElementReader element) throws SoapFaultException {
        CertificateID certificateID = element.required(CERTIFICATE_ID, SecurityTypes::certificateID);
        KeyID keyID = element.required(KEY_ID, SecurityTypes::keyID);
        Optional<String> alias = element.optional(ALIAS, text -> text);
        Base64DERencodedASN1Value content = element.required(CERTIFICATE_CONTENT, SecurityTypes::der);
        Optional<Boolean> hasPrivateKey = element.optional(HAS_PRIVATE_KEY, XsdTypes::parseBoolean);
        return element.build(() -> new X509Certificate(certificateID, keyID, alias, content, hasPrivateKey));
    }

    static void writeCertificate(XmlWriter writer, QName name, X509Certificate certificate) {
        writer.start(name).element(CERTIFICATE_ID, certificate.certificateID().value())
                .element(KEY_ID, certificate.keyID().value()).optionalElement(ALIAS, certificate.alias())
                .element(CERTIFICATE_CONTENT, der(certificate.certificateContent()))
                .optionalElement(HAS_PRIVATE_KEY, certificate.hasPrivateKey().map(String::valueOf))
                .end();
    }

    // ------------------------------------------------------------ certification path validation policies

    static CertPathValidationParameters readParameters(ElementReader element) throws SoapFaultException {
        Optional<Boolean> requireEku = element.optional(REQUIRE_EKU, XsdTypes::parseBoolean);
        Optional<Boolean> useDeltaCrls = element.optional(USE_DELTA_CRLS, XsdTypes::parseBoolean);
        return new CertPathValidationParameters(requireEku, useDeltaCrls);
    }

    static void writeParameters(XmlWriter writer, CertPathValidationParameters parameters) {
        writer.start(PARAMETERS)
                .optionalElement(REQUIRE_EKU, parameters.requireTLSWWWClientAuthExtendedKeyUsage().map(String::valueOf))
                .optionalElement(USE_DELTA_CRLS, parameters.useDeltaCRLs().map(String::valueOf))
                .end();
    }

    static List<TrustAnchor> readTrustAnchors(ElementReader element) throws SoapFaultException {
        List<TrustAnchor> anchors = new ArrayList<>();
        for (ElementReader anchor : element.atLeastOne(TRUST_ANCHOR)) {
            CertificateID id = anchor.required(CERTIFICATE_ID, SecurityTypes::certificateID);
            anchors.add(new TrustAnchor(id));
        }
        return anchors;
    }

    static void writeTrustAnchors(XmlWriter writer, List<TrustAnchor> anchors) {
        for (TrustAnchor anchor : anchors) {
            writer.start(TRUST_ANCHOR).element(CERTIFICATE_ID, anchor.certificateID().value()).end();
        }
    }

    static CertPathValidationPolicy readPolicy(ElementReader element) throws SoapFaultException {
        CertPathValidationPolicyID id = element.required(CERT_PATH_VALIDATION_POLICY_ID, SecurityTypes::policyID);
        Optional<String> alias = element.optional(ALIAS, text -> text);
        CertPathValidationParameters parameters = readParameters(element.required(PARAMETERS));
        List<TrustAnchor> anchors = readTrustAnchors(element);
        return element.build(() -> new CertPathValidationPolicy(id, alias, parameters, anchors));
    }

    static void writePolicy(XmlWriter writer, QName name, CertPathValidationPolicy policy) {
        writer.start(name).element(CERT_PATH_VALIDATION_POLICY_ID, policy.certPathValidationPolicyID().value())
                .optionalElement(ALIAS, policy.alias());
        writeParameters(writer, policy.parameters());
        writeTrustAnchors(writer, policy.trustAnchors());
        writer.end();
    }

    // ------------------------------------------------------------ authorization server configurations

    static AuthorizationServerConfigurationData readData(ElementReader element) throws SoapFaultException {
        AuthorizationServerConfigurationType type = element.requiredAttribute("Type", text ->
                AuthorizationServerConfigurationType.fromWire(text.strip()).orElseThrow(() ->
                        new IllegalArgumentException("unknown authorization server configuration Type")));
        Optional<ClientAuthenticationMethod> clientAuth = element.attribute("ClientAuth", text ->
                ClientAuthenticationMethod.fromWire(text.strip()).orElseThrow(() ->
                        new IllegalArgumentException("unknown ClientAuth method")));
        URI serverUri = element.required(SERVER_URI, XsdTypes::parseUri);
        Optional<String> clientID = element.optional(CLIENT_ID, text -> text);
        Optional<String> clientSecret = element.optional(CLIENT_SECRET, text -> text);
        Optional<String> scope = element.optional(SCOPE, text -> text);
        Optional<KeyID> keyID = element.optional(KEY_ID, SecurityTypes::keyID);
        Optional<CertificateID> certificateID = element.optional(CERTIFICATE_ID, SecurityTypes::certificateID);
        Optional<CertPathValidationPolicyID> policy =
                element.optional(CERT_PATH_VALIDATION_POLICY_ID, SecurityTypes::policyID);
        return element.build(() -> new AuthorizationServerConfigurationData(type, clientAuth, serverUri, clientID,
                clientSecret, scope, keyID, certificateID, policy));
    }

    static void writeData(XmlWriter writer, QName name, AuthorizationServerConfigurationData data) {
        writer.start(name).attribute("Type", data.type().name());
        data.clientAuth().ifPresent(method -> writer.attribute("ClientAuth", method.wireValue()));
        writer.element(SERVER_URI, data.serverUri().toString())
                .optionalElement(CLIENT_ID, data.clientID())
                .optionalElement(CLIENT_SECRET, data.clientSecret())
                .optionalElement(SCOPE, data.scope())
                .optionalElement(KEY_ID, data.keyID().map(KeyID::value))
                .optionalElement(CERTIFICATE_ID, data.certificateID().map(CertificateID::value))
                .optionalElement(CERT_PATH_VALIDATION_POLICY_ID,
                        data.certPathValidationPolicyID().map(CertPathValidationPolicyID::value))
                .end();
    }

    static AuthorizationServerConfiguration readConfiguration(ElementReader element) throws SoapFaultException {
        ReferenceToken token = element.requiredAttribute("token", SecurityTypes::token);
        AuthorizationServerConfigurationData data = readData(element.required(DATA));
        return element.build(() -> new AuthorizationServerConfiguration(token, data));
    }

    static void writeConfiguration(XmlWriter writer, QName name, AuthorizationServerConfiguration configuration) {
        writer.start(name).attribute("token", configuration.token().value());
        writeData(writer, DATA, configuration.data());
        writer.end();
    }

    // ------------------------------------------------------------ capabilities

    static Capabilities readCapabilities(ElementReader element) throws SoapFaultException {
        ElementReader keystore = element.required(KEYSTORE_CAPABILITIES);
        List<AlgorithmIdentifier> algorithms = new ArrayList<>();
        for (ElementReader algorithm : keystore.all(SIGNATURE_ALGORITHMS)) {
            algorithms.add(readAlgorithm(algorithm));
        }
        KeystoreCapabilities keystoreCapabilities = keystore.build(() ->
                new KeystoreCapabilities(algorithms, AttributeSet.of(keystore.element())));
        AttributeSet tls = AttributeSet.of(element.required(TLS_SERVER_CAPABILITIES).element());
        Optional<AttributeSet> dot1X = element.optional(DOT1X_CAPABILITIES).map(r -> AttributeSet.of(r.element()));
        Optional<AttributeSet> authorization =
                element.optional(AUTHORIZATION_SERVER).map(r -> AttributeSet.of(r.element()));
        Optional<AttributeSet> mediaSigning = element.optional(MEDIA_SIGNING).map(r -> AttributeSet.of(r.element()));
        return element.build(() -> new Capabilities(keystoreCapabilities, tls, dot1X, authorization, mediaSigning));
    }

    static void writeCapabilities(XmlWriter writer, QName name, Capabilities capabilities) {
        writer.start(name).start(KEYSTORE_CAPABILITIES);
        capabilities.keystore().attributes().writeTo(writer);
        capabilities.keystore().signatureAlgorithms().forEach(a -> writeAlgorithm(writer, SIGNATURE_ALGORITHMS, a));
        writer.end();
        writer.start(TLS_SERVER_CAPABILITIES);
        capabilities.tlsServer().writeTo(writer);
        writer.end();
        writeAttributesElement(writer, DOT1X_CAPABILITIES, capabilities.dot1X());
        writeAttributesElement(writer, AUTHORIZATION_SERVER, capabilities.authorizationServer());
        writeAttributesElement(writer, MEDIA_SIGNING, capabilities.mediaSigning());
        writer.end();
    }

    private static void writeAttributesElement(XmlWriter writer, QName name, Optional<AttributeSet> attributes) {
        attributes.ifPresent(set -> {
            writer.start(name);
            set.writeTo(writer);
            writer.end();
        });
    }
}
