package dev.onvifcloud.soap.security;

import static dev.onvifcloud.soap.security.SecurityTypes.ALIAS;
import static dev.onvifcloud.soap.security.SecurityTypes.CERTIFICATE_ID;
import static dev.onvifcloud.soap.security.SecurityTypes.CERT_PATH_VALIDATION_POLICY_ID;
import static dev.onvifcloud.soap.security.SecurityTypes.CONFIGURATION;
import static dev.onvifcloud.soap.security.SecurityTypes.KEY_ID;
import static dev.onvifcloud.soap.security.SecurityTypes.PARAMETERS;
import static dev.onvifcloud.soap.security.SecurityTypes.TOKEN;
import static dev.onvifcloud.soap.security.SecurityTypes.tas;

import dev.onvifcloud.soap.ElementReader;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.XmlWriter;
import dev.onvifcloud.soap.XsdTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/** Readers and writers of the advanced security service's body elements. */
final class SecurityCodecs {

    private static final QName CAPABILITIES = tas("Capabilities");
    private static final QName ELLIPTIC_CURVE = tas("EllipticCurve");
    private static final QName ESTIMATED_CREATION_TIME = tas("EstimatedCreationTime");
    private static final QName KEY_STATUS = tas("KeyStatus");
    private static final QName KEY_ATTRIBUTE = tas("KeyAttribute");
    private static final QName SUBJECT = tas("Subject");
    private static final QName CSR_ATTRIBUTE = tas("CSRAttribute");
    private static final QName SIGNATURE_ALGORITHM = tas("SignatureAlgorithm");
    private static final QName PKCS10_CSR = tas("PKCS10CSR");
    private static final QName CERTIFICATE = tas("Certificate");
    private static final QName KEY_ALIAS = tas("KeyAlias");
    private static final QName PRIVATE_KEY_REQUIRED = tas("PrivateKeyRequired");
    private static final QName CERT_PATH_VALIDATION_POLICY = tas("CertPathValidationPolicy");

    static final MessageCodec<GetServiceCapabilities> GET_SERVICE_CAPABILITIES =
            MessageCodec.empty(tas("GetServiceCapabilities"), new GetServiceCapabilities());
    static final MessageCodec<GetAllKeys> GET_ALL_KEYS = MessageCodec.empty(tas("GetAllKeys"), new GetAllKeys());
    static final MessageCodec<DeleteKeyResponse> DELETE_KEY_RESPONSE =
            MessageCodec.empty(tas("DeleteKeyResponse"), new DeleteKeyResponse());
    static final MessageCodec<GetAllCertificates> GET_ALL_CERTIFICATES =
            MessageCodec.empty(tas("GetAllCertificates"), new GetAllCertificates());
    static final MessageCodec<DeleteCertificateResponse> DELETE_CERTIFICATE_RESPONSE =
            MessageCodec.empty(tas("DeleteCertificateResponse"), new DeleteCertificateResponse());
    static final MessageCodec<GetAllCertPathValidationPolicies> GET_ALL_CERT_PATH_VALIDATION_POLICIES =
            MessageCodec.empty(tas("GetAllCertPathValidationPolicies"), new GetAllCertPathValidationPolicies());
    static final MessageCodec<DeleteCertPathValidationPolicyResponse> DELETE_CERT_PATH_VALIDATION_POLICY_RESPONSE =
            MessageCodec.empty(tas("DeleteCertPathValidationPolicyResponse"),
                    new DeleteCertPathValidationPolicyResponse());
    static final MessageCodec<SetAuthorizationServerConfigurationResponse>
            SET_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE = MessageCodec.empty(
                    tas("SetAuthorizationServerConfigurationResponse"),
                    new SetAuthorizationServerConfigurationResponse());
    static final MessageCodec<DeleteAuthorizationServerConfigurationResponse>
            DELETE_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE = MessageCodec.empty(
                    tas("DeleteAuthorizationServerConfigurationResponse"),
                    new DeleteAuthorizationServerConfigurationResponse());

    static final MessageCodec<GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES_RESPONSE = codec(
            "GetServiceCapabilitiesResponse",
            body -> new GetServiceCapabilitiesResponse(SecurityTypes.readCapabilities(body.required(CAPABILITIES))),
            (writer, value) -> SecurityTypes.writeCapabilities(writer, CAPABILITIES, value.capabilities()));

    static final MessageCodec<CreateECCKeyPair> CREATE_ECC_KEY_PAIR = codec("CreateECCKeyPair",
            body -> {
                String curve = body.required(ELLIPTIC_CURVE, String::strip);
                Optional<String> alias = body.optional(ALIAS, text -> text);
                return body.build(() -> new CreateECCKeyPair(curve, alias));
            },
            (writer, value) -> writer.element(ELLIPTIC_CURVE, value.ellipticCurve()).optionalElement(ALIAS, value.alias()));

    static final MessageCodec<CreateECCKeyPairResponse> CREATE_ECC_KEY_PAIR_RESPONSE = codec("CreateECCKeyPairResponse",
            body -> {
                KeyID keyID = body.required(KEY_ID, SecurityTypes::keyID);
                Duration time = body.required(ESTIMATED_CREATION_TIME, XsdTypes::parseDuration);
                return body.build(() -> new CreateECCKeyPairResponse(keyID, time));
            },
            (writer, value) -> writer.element(KEY_ID, value.keyID().value())
                    .element(ESTIMATED_CREATION_TIME, XsdTypes.formatDuration(value.estimatedCreationTime())));

    static final MessageCodec<GetKeyStatus> GET_KEY_STATUS = codec("GetKeyStatus",
            body -> new GetKeyStatus(body.required(KEY_ID, SecurityTypes::keyID)),
            (writer, value) -> writer.element(KEY_ID, value.keyID().value()));

    static final MessageCodec<GetKeyStatusResponse> GET_KEY_STATUS_RESPONSE = codec("GetKeyStatusResponse",
            body -> new GetKeyStatusResponse(body.required(KEY_STATUS, KeyStatus::parse)),
            (writer, value) -> writer.element(KEY_STATUS, value.keyStatus().wireValue()));

    static final MessageCodec<GetAllKeysResponse> GET_ALL_KEYS_RESPONSE = codec("GetAllKeysResponse",
            body -> {
                List<KeyAttribute> keys = new ArrayList<>();
                for (ElementReader key : body.all(KEY_ATTRIBUTE)) {
                    keys.add(SecurityTypes.readKeyAttribute(key));
                }
                return new GetAllKeysResponse(keys);
            },
            (writer, value) -> value.keyAttributes().forEach(k -> SecurityTypes.writeKeyAttribute(writer, KEY_ATTRIBUTE, k)));

    static final MessageCodec<DeleteKey> DELETE_KEY = codec("DeleteKey",
            body -> new DeleteKey(body.required(KEY_ID, SecurityTypes::keyID)),
            (writer, value) -> writer.element(KEY_ID, value.keyID().value()));

    static final MessageCodec<CreatePKCS10CSR> CREATE_PKCS10_CSR = codec("CreatePKCS10CSR",
            body -> {
                DistinguishedName subject = SecurityTypes.readDistinguishedName(body.required(SUBJECT));
                KeyID keyID = body.required(KEY_ID, SecurityTypes::keyID);
                List<CSRAttribute> attributes = new ArrayList<>();
                for (ElementReader attribute : body.all(CSR_ATTRIBUTE)) {
                    attributes.add(SecurityTypes.readCsrAttribute(attribute));
                }
                AlgorithmIdentifier algorithm = SecurityTypes.readAlgorithm(body.required(SIGNATURE_ALGORITHM));
                return body.build(() -> new CreatePKCS10CSR(subject, keyID, attributes, algorithm));
            },
            (writer, value) -> {
                SecurityTypes.writeDistinguishedName(writer, SUBJECT, value.subject());
                writer.element(KEY_ID, value.keyID().value());
                value.csrAttributes().forEach(a -> SecurityTypes.writeCsrAttribute(writer, CSR_ATTRIBUTE, a));
                SecurityTypes.writeAlgorithm(writer, SIGNATURE_ALGORITHM, value.signatureAlgorithm());
            });

    static final MessageCodec<CreatePKCS10CSRResponse> CREATE_PKCS10_CSR_RESPONSE = codec("CreatePKCS10CSRResponse",
            body -> new CreatePKCS10CSRResponse(body.required(PKCS10_CSR, SecurityTypes::der)),
            (writer, value) -> writer.element(PKCS10_CSR, SecurityTypes.der(value.pkcs10CSR())));

    static final MessageCodec<UploadCertificate> UPLOAD_CERTIFICATE = codec("UploadCertificate",
            body -> {
                Base64DERencodedASN1Value certificate = body.required(CERTIFICATE, SecurityTypes::der);
                Optional<String> alias = body.optional(ALIAS, text -> text);
                Optional<String> keyAlias = body.optional(KEY_ALIAS, text -> text);
                Optional<Boolean> privateKeyRequired = body.optional(PRIVATE_KEY_REQUIRED, XsdTypes::parseBoolean);
                return body.build(() -> new UploadCertificate(certificate, alias, keyAlias, privateKeyRequired));
            },
            (writer, value) -> writer.element(CERTIFICATE, SecurityTypes.der(value.certificate()))
                    .optionalElement(ALIAS, value.alias()).optionalElement(KEY_ALIAS, value.keyAlias())
                    .optionalElement(PRIVATE_KEY_REQUIRED, value.privateKeyRequired().map(String::valueOf)));

    static final MessageCodec<UploadCertificateResponse> UPLOAD_CERTIFICATE_RESPONSE = codec("UploadCertificateResponse",
            body -> {
                CertificateID certificateID = body.required(CERTIFICATE_ID, SecurityTypes::certificateID);
                KeyID keyID = body.required(KEY_ID, SecurityTypes::keyID);
                return new UploadCertificateResponse(certificateID, keyID);
            },
            (writer, value) -> writer.element(CERTIFICATE_ID, value.certificateID().value())
                    .element(KEY_ID, value.keyID().value()));

    static final MessageCodec<GetAllCertificatesResponse> GET_ALL_CERTIFICATES_RESPONSE = codec(
            "GetAllCertificatesResponse",
            body -> {
                List<X509Certificate> certificates = new ArrayList<>();
                for (ElementReader certificate : body.all(CERTIFICATE)) {
                    certificates.add(SecurityTypes.readCertificate(certificate));
                }
                return new GetAllCertificatesResponse(certificates);
            },
            (writer, value) -> value.certificates().forEach(c -> SecurityTypes.writeCertificate(writer, CERTIFICATE, c)));

    static final MessageCodec<DeleteCertificate> DELETE_CERTIFICATE = codec("DeleteCertificate",
            body -> new DeleteCertificate(body.required(CERTIFICATE_ID, SecurityTypes::certificateID)),
            (writer, value) -> writer.element(CERTIFICATE_ID, value.certificateID().value()));

    static final MessageCodec<CreateCertPathValidationPolicy> CREATE_CERT_PATH_VALIDATION_POLICY = codec(
            "CreateCertPathValidationPolicy",
            body -> {
                Optional<String> alias = body.optional(ALIAS, text -> text);
                CertPathValidationParameters parameters = SecurityTypes.readParameters(body.required(PARAMETERS));
                List<TrustAnchor> anchors = SecurityTypes.readTrustAnchors(body);
                return body.build(() -> new CreateCertPathValidationPolicy(alias, parameters, anchors));
            },
            (writer, value) -> {
                writer.optionalElement(ALIAS, value.alias());
                SecurityTypes.writeParameters(writer, value.parameters());
                SecurityTypes.writeTrustAnchors(writer, value.trustAnchors());
            });

    static final MessageCodec<CreateCertPathValidationPolicyResponse> CREATE_CERT_PATH_VALIDATION_POLICY_RESPONSE =
            codec("CreateCertPathValidationPolicyResponse",
                    body -> new CreateCertPathValidationPolicyResponse(
                            body.required(CERT_PATH_VALIDATION_POLICY_ID, SecurityTypes::policyID)),
                    (writer, value) -> writer.element(CERT_PATH_VALIDATION_POLICY_ID,
                            value.certPathValidationPolicyID().value()));

    static final MessageCodec<GetCertPathValidationPolicy> GET_CERT_PATH_VALIDATION_POLICY = codec(
            "GetCertPathValidationPolicy",
            body -> new GetCertPathValidationPolicy(body.required(CERT_PATH_VALIDATION_POLICY_ID, SecurityTypes::policyID)),
            (writer, value) -> writer.element(CERT_PATH_VALIDATION_POLICY_ID, value.certPathValidationPolicyID().value()));

    static final MessageCodec<GetCertPathValidationPolicyResponse> GET_CERT_PATH_VALIDATION_POLICY_RESPONSE = codec(
            "GetCertPathValidationPolicyResponse",
            body -> new GetCertPathValidationPolicyResponse(
                    SecurityTypes.readPolicy(body.required(CERT_PATH_VALIDATION_POLICY))),
            (writer, value) -> SecurityTypes.writePolicy(writer, CERT_PATH_VALIDATION_POLICY,
                    value.certPathValidationPolicy()));

    static final MessageCodec<GetAllCertPathValidationPoliciesResponse>
            GET_ALL_CERT_PATH_VALIDATION_POLICIES_RESPONSE = codec("GetAllCertPathValidationPoliciesResponse",
                    body -> {
                        List<CertPathValidationPolicy> policies = new ArrayList<>();
                        for (ElementReader policy : body.all(CERT_PATH_VALIDATION_POLICY)) {
                            policies.add(SecurityTypes.readPolicy(policy));
                        }
                        return new GetAllCertPathValidationPoliciesResponse(policies);
                    },
                    (writer, value) -> value.certPathValidationPolicies()
                            .forEach(p -> SecurityTypes.writePolicy(writer, CERT_PATH_VALIDATION_POLICY, p)));

    static final MessageCodec<DeleteCertPathValidationPolicy> DELETE_CERT_PATH_VALIDATION_POLICY = codec(
            "DeleteCertPathValidationPolicy",
            body -> new DeleteCertPathValidationPolicy(
                    body.required(CERT_PATH_VALIDATION_POLICY_ID, SecurityTypes::policyID)),
            (writer, value) -> writer.element(CERT_PATH_VALIDATION_POLICY_ID, value.certPathValidationPolicyID().value()));

    static final MessageCodec<GetAuthorizationServerConfigurations> GET_AUTHORIZATION_SERVER_CONFIGURATIONS = codec(
            "GetAuthorizationServerConfigurations",
            body -> new GetAuthorizationServerConfigurations(body.optional(TOKEN, SecurityTypes::token)),
            (writer, value) -> writer.optionalElement(TOKEN, value.token().map(ReferenceToken::value)));

    static final MessageCodec<GetAuthorizationServerConfigurationsResponse>
            GET_AUTHORIZATION_SERVER_CONFIGURATIONS_RESPONSE = codec("GetAuthorizationServerConfigurationsResponse",
                    body -> {
                        List<AuthorizationServerConfiguration> configurations = new ArrayList<>();
                        for (ElementReader configuration : body.all(CONFIGURATION)) {
                            configurations.add(SecurityTypes.readConfiguration(configuration));
                        }
                        return new GetAuthorizationServerConfigurationsResponse(configurations);
                    },
                    (writer, value) -> value.configurations()
                            .forEach(c -> SecurityTypes.writeConfiguration(writer, CONFIGURATION, c)));

    static final MessageCodec<CreateAuthorizationServerConfiguration> CREATE_AUTHORIZATION_SERVER_CONFIGURATION =
            codec("CreateAuthorizationServerConfiguration",
                    body -> new CreateAuthorizationServerConfiguration(
                            SecurityTypes.readData(body.required(CONFIGURATION))),
                    (writer, value) -> SecurityTypes.writeData(writer, CONFIGURATION, value.configuration()));

    static final MessageCodec<CreateAuthorizationServerConfigurationResponse>
            CREATE_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE = codec("CreateAuthorizationServerConfigurationResponse",
                    body -> new CreateAuthorizationServerConfigurationResponse(
                            body.required(TOKEN, SecurityTypes::token)),
                    (writer, value) -> writer.element(TOKEN, value.token().value()));

    static final MessageCodec<SetAuthorizationServerConfiguration> SET_AUTHORIZATION_SERVER_CONFIGURATION = codec(
            "SetAuthorizationServerConfiguration",
            body -> new SetAuthorizationServerConfiguration(
                    SecurityTypes.readConfiguration(body.required(CONFIGURATION))),
            (writer, value) -> SecurityTypes.writeConfiguration(writer, CONFIGURATION, value.configuration()));

    static final MessageCodec<DeleteAuthorizationServerConfiguration> DELETE_AUTHORIZATION_SERVER_CONFIGURATION =
            codec("DeleteAuthorizationServerConfiguration",
                    body -> new DeleteAuthorizationServerConfiguration(body.required(TOKEN, SecurityTypes::token)),
                    (writer, value) -> writer.element(TOKEN, value.token().value()));

    private SecurityCodecs() {
    }

    static <T> MessageCodec<T> codec(String localName, MessageCodec.ContentReader<T> reader,
                                     MessageCodec.ContentWriter<T> writer) {
        return MessageCodec.of(tas(localName), reader, writer);
    }
}
