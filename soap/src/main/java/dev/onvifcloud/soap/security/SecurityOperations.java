package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.AccessClass;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/**
 * The operations of the ONVIF advanced security service (advancedsecurity.wsdl) that configure a device
 * for the cloud: keystore, CSR, certificates, certification path validation policies and authorization
 * server configurations. Access classes are those of the Security Service specification.
 */
public final class SecurityOperations {

    public static final Operation<GetServiceCapabilities, GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES =
            operation("GetServiceCapabilities", AccessClass.PRE_AUTH, GetServiceCapabilities.class,
                    SecurityCodecs.GET_SERVICE_CAPABILITIES, SecurityCodecs.GET_SERVICE_CAPABILITIES_RESPONSE);
    public static final Operation<CreateECCKeyPair, CreateECCKeyPairResponse> CREATE_ECC_KEY_PAIR =
            operation("CreateECCKeyPair", AccessClass.WRITE_SYSTEM, CreateECCKeyPair.class,
                    SecurityCodecs.CREATE_ECC_KEY_PAIR, SecurityCodecs.CREATE_ECC_KEY_PAIR_RESPONSE);
    public static final Operation<GetKeyStatus, GetKeyStatusResponse> GET_KEY_STATUS =
            operation("GetKeyStatus", AccessClass.READ_SYSTEM_SECRET, GetKeyStatus.class,
                    SecurityCodecs.GET_KEY_STATUS, SecurityCodecs.GET_KEY_STATUS_RESPONSE);
    public static final Operation<GetAllKeys, GetAllKeysResponse> GET_ALL_KEYS =
            operation("GetAllKeys", AccessClass.READ_SYSTEM_SECRET, GetAllKeys.class,
                    SecurityCodecs.GET_ALL_KEYS, SecurityCodecs.GET_ALL_KEYS_RESPONSE);
    public static final Operation<DeleteKey, DeleteKeyResponse> DELETE_KEY =
            operation("DeleteKey", AccessClass.UNRECOVERABLE, DeleteKey.class,
                    SecurityCodecs.DELETE_KEY, SecurityCodecs.DELETE_KEY_RESPONSE);
    public static final Operation<CreatePKCS10CSR, CreatePKCS10CSRResponse> CREATE_PKCS10_CSR =
            operation("CreatePKCS10CSR", AccessClass.READ_SYSTEM, CreatePKCS10CSR.class,
                    SecurityCodecs.CREATE_PKCS10_CSR, SecurityCodecs.CREATE_PKCS10_CSR_RESPONSE);
    public static final Operation<UploadCertificate, UploadCertificateResponse> UPLOAD_CERTIFICATE =
            operation("UploadCertificate", AccessClass.WRITE_SYSTEM, UploadCertificate.class,
                    SecurityCodecs.UPLOAD_CERTIFICATE, SecurityCodecs.UPLOAD_CERTIFICATE_RESPONSE);
    public static final Operation<GetAllCertificates, GetAllCertificatesResponse> GET_ALL_CERTIFICATES =
            operation("GetAllCertificates", AccessClass.READ_SYSTEM_SECRET, GetAllCertificates.class,
                    SecurityCodecs.GET_ALL_CERTIFICATES, SecurityCodecs.GET_ALL_CERTIFICATES_RESPONSE);
    public static final Operation<DeleteCertificate, DeleteCertificateResponse> DELETE_CERTIFICATE =
            operation("DeleteCertificate", AccessClass.UNRECOVERABLE, DeleteCertificate.class,
                    SecurityCodecs.DELETE_CERTIFICATE, SecurityCodecs.DELETE_CERTIFICATE_RESPONSE);
    public static final Operation<CreateCertPathValidationPolicy, CreateCertPathValidationPolicyResponse>
            CREATE_CERT_PATH_VALIDATION_POLICY = operation("CreateCertPathValidationPolicy", AccessClass.WRITE_SYSTEM,
                    CreateCertPathValidationPolicy.class, SecurityCodecs.CREATE_CERT_PATH_VALIDATION_POLICY,
                    SecurityCodecs.CREATE_CERT_PATH_VALIDATION_POLICY_RESPONSE);
    public static final Operation<GetCertPathValidationPolicy, GetCertPathValidationPolicyResponse>
            GET_CERT_PATH_VALIDATION_POLICY = operation("GetCertPathValidationPolicy", AccessClass.READ_SYSTEM_SECRET,
                    GetCertPathValidationPolicy.class, SecurityCodecs.GET_CERT_PATH_VALIDATION_POLICY,
                    SecurityCodecs.GET_CERT_PATH_VALIDATION_POLICY_RESPONSE);
    public static final Operation<GetAllCertPathValidationPolicies, GetAllCertPathValidationPoliciesResponse>
            GET_ALL_CERT_PATH_VALIDATION_POLICIES = operation("GetAllCertPathValidationPolicies",
                    AccessClass.READ_SYSTEM_SECRET, GetAllCertPathValidationPolicies.class,
                    SecurityCodecs.GET_ALL_CERT_PATH_VALIDATION_POLICIES,
                    SecurityCodecs.GET_ALL_CERT_PATH_VALIDATION_POLICIES_RESPONSE);
    public static final Operation<DeleteCertPathValidationPolicy, DeleteCertPathValidationPolicyResponse>
            DELETE_CERT_PATH_VALIDATION_POLICY = operation("DeleteCertPathValidationPolicy", AccessClass.UNRECOVERABLE,
                    DeleteCertPathValidationPolicy.class, SecurityCodecs.DELETE_CERT_PATH_VALIDATION_POLICY,
                    SecurityCodecs.DELETE_CERT_PATH_VALIDATION_POLICY_RESPONSE);
    public static final Operation<GetAuthorizationServerConfigurations, GetAuthorizationServerConfigurationsResponse>
            GET_AUTHORIZATION_SERVER_CONFIGURATIONS = operation("GetAuthorizationServerConfigurations",
                    AccessClass.READ_SYSTEM_SECRET, GetAuthorizationServerConfigurations.class,
                    SecurityCodecs.GET_AUTHORIZATION_SERVER_CONFIGURATIONS,
                    SecurityCodecs.GET_AUTHORIZATION_SERVER_CONFIGURATIONS_RESPONSE);
    public static final Operation<CreateAuthorizationServerConfiguration,
            CreateAuthorizationServerConfigurationResponse> CREATE_AUTHORIZATION_SERVER_CONFIGURATION = operation(
                    "CreateAuthorizationServerConfiguration", AccessClass.WRITE_SYSTEM,
                    CreateAuthorizationServerConfiguration.class,
                    SecurityCodecs.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                    SecurityCodecs.CREATE_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE);
    public static final Operation<SetAuthorizationServerConfiguration, SetAuthorizationServerConfigurationResponse>
            SET_AUTHORIZATION_SERVER_CONFIGURATION = operation("SetAuthorizationServerConfiguration",
                    AccessClass.WRITE_SYSTEM, SetAuthorizationServerConfiguration.class,
                    SecurityCodecs.SET_AUTHORIZATION_SERVER_CONFIGURATION,
                    SecurityCodecs.SET_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE);
    public static final Operation<DeleteAuthorizationServerConfiguration,
            DeleteAuthorizationServerConfigurationResponse> DELETE_AUTHORIZATION_SERVER_CONFIGURATION = operation(
                    "DeleteAuthorizationServerConfiguration", AccessClass.WRITE_SYSTEM,
                    DeleteAuthorizationServerConfiguration.class,
                    SecurityCodecs.DELETE_AUTHORIZATION_SERVER_CONFIGURATION,
                    SecurityCodecs.DELETE_AUTHORIZATION_SERVER_CONFIGURATION_RESPONSE);

    /** All advanced security operations of this module. */
    public static final List<Operation<?, ?>> ALL = List.of(GET_SERVICE_CAPABILITIES, CREATE_ECC_KEY_PAIR,
            GET_KEY_STATUS, GET_ALL_KEYS, DELETE_KEY, CREATE_PKCS10_CSR, UPLOAD_CERTIFICATE, GET_ALL_CERTIFICATES,
            DELETE_CERTIFICATE, CREATE_CERT_PATH_VALIDATION_POLICY, GET_CERT_PATH_VALIDATION_POLICY,
            GET_ALL_CERT_PATH_VALIDATION_POLICIES, DELETE_CERT_PATH_VALIDATION_POLICY,
            GET_AUTHORIZATION_SERVER_CONFIGURATIONS, CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
            SET_AUTHORIZATION_SERVER_CONFIGURATION, DELETE_AUTHORIZATION_SERVER_CONFIGURATION);

    private SecurityOperations() {
    }

    private static <Q extends SoapRequest, R extends SoapResponse> Operation<Q, R> operation(
            String name, AccessClass accessClass, Class<Q> type, MessageCodec<Q> request, MessageCodec<R> response) {
        return new Operation<>(OnvifService.ADVANCED_SECURITY, name, Namespaces.TAS + "/" + name, accessClass, type,
                request, response);
    }
}
