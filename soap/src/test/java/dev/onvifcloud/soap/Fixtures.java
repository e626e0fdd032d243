package dev.onvifcloud.soap;

import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.DeviceServiceCapabilities;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.soap.device.GetServices;
import dev.onvifcloud.soap.device.GetServicesResponse;
import dev.onvifcloud.soap.device.OnvifVersion;
import dev.onvifcloud.soap.device.Service;
import dev.onvifcloud.soap.device.SystemReboot;
import dev.onvifcloud.soap.device.SystemRebootResponse;
import dev.onvifcloud.soap.device.UpgradeFirmware;
import dev.onvifcloud.soap.device.UpgradeFirmwareResponse;
import dev.onvifcloud.soap.events.AbsoluteOrRelativeTime;
import dev.onvifcloud.soap.events.CloudFirmwareUpgradeCompleted;
import dev.onvifcloud.soap.events.CreatePullPointSubscription;
import dev.onvifcloud.soap.events.CreatePullPointSubscriptionResponse;
import dev.onvifcloud.soap.events.EndpointReference;
import dev.onvifcloud.soap.events.EventOperations;
import dev.onvifcloud.soap.events.Filter;
import dev.onvifcloud.soap.events.GetEventProperties;
import dev.onvifcloud.soap.events.GetEventPropertiesResponse;
import dev.onvifcloud.soap.events.PullMessages;
import dev.onvifcloud.soap.events.PullMessagesResponse;
import dev.onvifcloud.soap.events.Renew;
import dev.onvifcloud.soap.events.RenewResponse;
import dev.onvifcloud.soap.events.TopicExpression;
import dev.onvifcloud.soap.events.Unsubscribe;
import dev.onvifcloud.soap.events.UnsubscribeResponse;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.AuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.BasicRequestAttribute;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreateECCKeyPairResponse;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.CreatePKCS10CSRResponse;
import dev.onvifcloud.soap.security.DNAttributeTypeAndValue;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicy;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.DeleteCertificate;
import dev.onvifcloud.soap.security.DeleteCertificateResponse;
import dev.onvifcloud.soap.security.DeleteKey;
import dev.onvifcloud.soap.security.DeleteKeyResponse;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPolicies;
import dev.onvifcloud.soap.security.GetAllCertPathValidationPoliciesResponse;
import dev.onvifcloud.soap.security.GetAllCertificates;
import dev.onvifcloud.soap.security.GetAllCertificatesResponse;
import dev.onvifcloud.soap.security.GetAllKeys;
import dev.onvifcloud.soap.security.GetAllKeysResponse;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurations;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurationsResponse;
import dev.onvifcloud.soap.security.GetCertPathValidationPolicy;
import dev.onvifcloud.soap.security.GetCertPathValidationPolicyResponse;
import dev.onvifcloud.soap.security.GetKeyStatus;
import dev.onvifcloud.soap.security.GetKeyStatusResponse;
import dev.onvifcloud.soap.security.KeyAttribute;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.KeystoreCapabilities;
import dev.onvifcloud.soap.security.MultiValuedRDN;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.SetAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.SetAuthorizationServerConfigurationResponse;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.security.UploadCertificateResponse;
import dev.onvifcloud.soap.security.X509Certificate;
import dev.onvifcloud.soap.security.X509v3Extension;
import dev.onvifcloud.soap.uplink.Capabilities;
import dev.onvifcloud.soap.uplink.ConnectionStatus;
import dev.onvifcloud.soap.uplink.DeleteUplink;
import dev.onvifcloud.soap.uplink.DeleteUplinkResponse;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.GetUplinksResponse;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.SetUplinkResponse;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/** One realistic request and response per operation: the content of the golden files. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    static final KeyID KEY = new KeyID("key-ocs-1");
    static final CertificateID CERTIFICATE = new CertificateID("cert-ocs-1");
    static final CertificateID CA = new CertificateID("ca-ocs-root");
    static final CertPathValidationPolicyID POLICY = new CertPathValidationPolicyID("policy-ocs");
    static final ReferenceToken AS_TOKEN = new ReferenceToken("as-ocs-1");
    static final URI OCS = URI.create("https://ocs.example.com/uplink");

    private Fixtures() {
    }

    static Base64DERencodedASN1Value der(int... bytes) {
        byte[] der = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            der[i] = (byte) bytes[i];
        }
        return new Base64DERencodedASN1Value(der);
    }

    static final Base64DERencodedASN1Value CERTIFICATE_DER = der(0x30, 0x82, 0x01, 0x0a, 0x30, 0x81, 0xb2, 0xa0, 0x03,
            0x02, 0x01, 0x02, 0x02, 0x14, 0x5c, 0x11, 0x7e);
    static final Base64DERencodedASN1Value CSR_DER = der(0x30, 0x81, 0xdc, 0x30, 0x81, 0x83, 0x02, 0x01, 0x00, 0x30,
            0x21, 0x31, 0x1f, 0x30, 0x1d);

    static AuthorizationServerConfigurationData authorizationServer() {
        return AuthorizationServerConfigurationData.privateKeyJwt(URI.create("https://as.ocs.example.com/token"),
                "camera-1f2e", KEY, CERTIFICATE, Optional.of("onvif"), Optional.of(POLICY));
    }

    static CertPathValidationPolicy policy() {
        return new CertPathValidationPolicy(POLICY, Optional.of("OCS servers"),
                new CertPathValidationParameters(Optional.of(false), Optional.empty()), List.of(new TrustAnchor(CA)));
    }

    static UplinkConfiguration uplink() {
        return new UplinkConfiguration(OCS, Optional.empty(), List.of("Operator"), Optional.empty(),
                Optional.of(POLICY.value()), Optional.of(AS_TOKEN), Optional.empty());
    }

    static XmlElement topicSet() {
        QName topic = new QName(Namespaces.WSTOP, "topic", "wstop");
        XmlElement description = XmlElement.of(new QName(Namespaces.TT, "MessageDescription", "tt"))
                .withAttribute("IsProperty", "true")
                .withChild(XmlElement.of(new QName(Namespaces.TT, "Source", "tt"))
                        .withChild(XmlElement.of(new QName(Namespaces.TT, "SimpleItemDescription", "tt"))
                                .withAttribute("Name", "UUID").withAttribute("Type", "xs:string")))
                .withChild(XmlElement.of(new QName(Namespaces.TT, "Data", "tt"))
                        .withChild(XmlElement.of(new QName(Namespaces.TT, "SimpleItemDescription", "tt"))
                                .withAttribute("Name", "Success").withAttribute("Type", "xs:boolean"))
                        .withChild(XmlElement.of(new QName(Namespaces.TT, "SimpleItemDescription", "tt"))
                                .withAttribute("Name", "Information").withAttribute("Type", "xs:string")));
        XmlElement completed = XmlElement.of(new QName("", "Completed")).withAttribute(topic, "true")
                .withChild(description);
        return XmlElement.of(new QName(Namespaces.WSTOP, "TopicSet", "wstop"))
                .withNamespace("xs", "http://www.w3.org/2001/XMLSchema")
                .withChild(XmlElement.of(new QName(Namespaces.TNS1, "Monitoring", "tns1"))
                        .withChild(XmlElement.of(new QName("", "CloudFirmwareUpgrade")).withChild(completed)));
    }

    /** Request and response of every operation, in {@link Operations#all()} order. */
    static Map<Operation<?, ?>, List<Object>> all() {
        Map<Operation<?, ?>, List<Object>> all = new LinkedHashMap<>();
        // ------------------------------------------------------------ device
        all.put(DeviceOperations.GET_DEVICE_INFORMATION, List.of(new GetDeviceInformation(),
                new GetDeviceInformationResponse("Example Cameras", "EC-100", "2.4.1", "SN0001F2E", "EC100-rev3")));
        all.put(DeviceOperations.GET_SERVICES, List.of(new GetServices(true), new GetServicesResponse(List.of(
                new Service(URI.create(Namespaces.TDS), URI.create("https://camera.local/onvif/device_service"),
                        Optional.empty(), new OnvifVersion(25, 12)),
                new Service(URI.create(Namespaces.TUP), URI.create("https://camera.local/onvif/uplink_service"),
                        Optional.of(XmlElement.of(new QName(Namespaces.TUP, "Capabilities", "tup"))
                                .withAttribute("MaxUplinks", "2").withAttribute("Protocols", "https wss")),
                        new OnvifVersion(25, 12))))));
        all.put(DeviceOperations.GET_SERVICE_CAPABILITIES, List.of(new dev.onvifcloud.soap.device.GetServiceCapabilities(),
                new dev.onvifcloud.soap.device.GetServiceCapabilitiesResponse(new DeviceServiceCapabilities(
                        AttributeSet.none().with("IPFilter", false).with("NTP", 1),
                        AttributeSet.none().with("TLS1.2", true).with("MaxUserRoles", 4),
                        AttributeSet.none().with("CloudFirmwareUpgrade", true).with("HttpFirmwareUpgrade", false),
                        Optional.empty()))));
        all.put(DeviceOperations.UPGRADE_FIRMWARE, List.of(new UpgradeFirmware("2.5.0"),
                new UpgradeFirmwareResponse(Duration.ofMinutes(4))));
        all.put(DeviceOperations.SYSTEM_REBOOT, List.of(new SystemReboot(),
                new SystemRebootResponse("Rebooting in 5 seconds")));
        // ------------------------------------------------------------ advanced security
        all.put(SecurityOperations.GET_SERVICE_CAPABILITIES, List.of(
                new dev.onvifcloud.soap.security.GetServiceCapabilities(),
                new dev.onvifcloud.soap.security.GetServiceCapabilitiesResponse(
                        new dev.onvifcloud.soap.security.Capabilities(
                                new KeystoreCapabilities(List.of(AlgorithmIdentifier.ECDSA_WITH_SHA256),
                                        AttributeSet.none().with("MaximumNumberOfKeys", 16)
                                                .with("MaximumNumberOfCertificates", 16)
                                                .with("ECCKeyPairGeneration", true)
                                                .with("EllipticCurves", List.of("secp256r1", "secp384r1"))
                                                .with("PKCS10", true)
                                                .with("MaximumNumberOfCertificationPathValidationPolicies", 8)),
                                AttributeSet.none().with("TLSServerSupported", List.of("1.2", "1.3")),
                                Optional.empty(),
                                Optional.of(AttributeSet.none().with("MaxConfigurations", 4)
                                        .with("ConfigurationTypesSupported", List.of("OAuthClientCredentials"))
                                        .with("ClientAuthenticationMethodsSupported", List.of("private_key_jwt"))),
                                Optional.empty()))));
        all.put(SecurityOperations.CREATE_ECC_KEY_PAIR, List.of(new CreateECCKeyPair("secp256r1", Optional.of("OCS key")),
                new CreateECCKeyPairResponse(KEY, Duration.ofSeconds(2))));
        all.put(SecurityOperations.GET_KEY_STATUS, List.of(new GetKeyStatus(KEY), new GetKeyStatusResponse(KeyStatus.OK)));
        all.put(SecurityOperations.GET_ALL_KEYS, List.of(new GetAllKeys(), new GetAllKeysResponse(List.of(
                new KeyAttribute(KEY, Optional.of("OCS key"), Optional.of(true), KeyStatus.OK, Optional.of(false),
                        Optional.of(true)),
                new KeyAttribute(new KeyID("key-ca"), Optional.empty(), Optional.of(false), KeyStatus.OK,
                        Optional.empty(), Optional.empty())))));
        all.put(SecurityOperations.DELETE_KEY, List.of(new DeleteKey(KEY), new DeleteKeyResponse()));
        all.put(SecurityOperations.CREATE_PKCS10_CSR, List.of(new CreatePKCS10CSR(
                new DistinguishedName(List.of(
                        new DistinguishedName.Attribute(DistinguishedName.Name.CommonName, "camera-1f2e"),
                        new DistinguishedName.Attribute(DistinguishedName.Name.Country, "SE"),
                        new DistinguishedName.Attribute(DistinguishedName.Name.Organization, "Example Cameras")),
                        List.of(new DNAttributeTypeAndValue("2.5.4.5", "SN0001F2E")),
                        List.of(new MultiValuedRDN(List.of(new DNAttributeTypeAndValue("2.5.4.11", "Cloud")))),
                        List.of("example", "com")),
                KEY,
                List.of(new X509v3Extension("2.5.29.37", false, der(0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05,
                                0x05, 0x07, 0x03, 0x02)),
                        new BasicRequestAttribute("1.2.840.113549.1.9.7", der(0x0c, 0x03, 0x61, 0x62, 0x63))),
                AlgorithmIdentifier.ECDSA_WITH_SHA256), new CreatePKCS10CSRResponse(CSR_DER)));
        all.put(SecurityOperations.UPLOAD_CERTIFICATE, List.of(
                new UploadCertificate(CERTIFICATE_DER, Optional.of("OCS root CA"), Optional.empty(), Optional.of(false)),
                new UploadCertificateResponse(CA, new KeyID("key-ca"))));
        all.put(SecurityOperations.GET_ALL_CERTIFICATES, List.of(new GetAllCertificates(),
                new GetAllCertificatesResponse(List.of(new X509Certificate(CA, new KeyID("key-ca"),
                        Optional.of("OCS root CA"), CERTIFICATE_DER, Optional.of(false))))));
        all.put(SecurityOperations.DELETE_CERTIFICATE, List.of(new DeleteCertificate(CA), new DeleteCertificateResponse()));
        all.put(SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY, List.of(
                new CreateCertPathValidationPolicy(Optional.of("OCS servers"),
                        new CertPathValidationParameters(Optional.of(false), Optional.empty()),
                        List.of(new TrustAnchor(CA))),
                new CreateCertPathValidationPolicyResponse(POLICY)));
        all.put(SecurityOperations.GET_CERT_PATH_VALIDATION_POLICY, List.of(new GetCertPathValidationPolicy(POLICY),
                new GetCertPathValidationPolicyResponse(policy())));
        all.put(SecurityOperations.GET_ALL_CERT_PATH_VALIDATION_POLICIES, List.of(new GetAllCertPathValidationPolicies(),
                new GetAllCertPathValidationPoliciesResponse(List.of(policy()))));
        all.put(SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY, List.of(new DeleteCertPathValidationPolicy(POLICY),
                new DeleteCertPathValidationPolicyResponse()));
        all.put(SecurityOperations.GET_AUTHORIZATION_SERVER_CONFIGURATIONS, List.of(
                new GetAuthorizationServerConfigurations(Optional.of(AS_TOKEN)),
                new GetAuthorizationServerConfigurationsResponse(List.of(
                        new AuthorizationServerConfiguration(AS_TOKEN, authorizationServer())))));
        all.put(SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION, List.of(
                new CreateAuthorizationServerConfiguration(authorizationServer()),
                new CreateAuthorizationServerConfigurationResponse(AS_TOKEN)));
        all.put(SecurityOperations.SET_AUTHORIZATION_SERVER_CONFIGURATION, List.of(
                new SetAuthorizationServerConfiguration(new AuthorizationServerConfiguration(AS_TOKEN,
                        authorizationServer())),
                new SetAuthorizationServerConfigurationResponse()));
        all.put(SecurityOperations.DELETE_AUTHORIZATION_SERVER_CONFIGURATION, List.of(
                new DeleteAuthorizationServerConfiguration(AS_TOKEN),
                new DeleteAuthorizationServerConfigurationResponse()));
        // ------------------------------------------------------------ uplink
        all.put(UplinkOperations.GET_SERVICE_CAPABILITIES, List.of(new dev.onvifcloud.soap.uplink.GetServiceCapabilities(),
                new dev.onvifcloud.soap.uplink.GetServiceCapabilitiesResponse(
                        Capabilities.of(2, List.of("https", "wss"), List.of("mTLS", "AccessToken"), false))));
        all.put(UplinkOperations.GET_UPLINKS, List.of(new GetUplinks(), new GetUplinksResponse(List.of(
                UplinkConfiguration.mutualTls(URI.create("https://mcs.example.com/uplink"), "birth-cert",
                        "Administrator", Optional.empty()).withStatus(ConnectionStatus.Connected, Optional.empty()),
                uplink().withStatus(ConnectionStatus.Connecting, Optional.of("TLS handshake failed"))))));
        all.put(UplinkOperations.SET_UPLINK, List.of(new SetUplink(uplink()), new SetUplinkResponse()));
        all.put(UplinkOperations.DELETE_UPLINK, List.of(new DeleteUplink(OCS), new DeleteUplinkResponse()));
        // ------------------------------------------------------------ events
        all.put(EventOperations.GET_SERVICE_CAPABILITIES, List.of(new dev.onvifcloud.soap.events.GetServiceCapabilities(),
                new dev.onvifcloud.soap.events.GetServiceCapabilitiesResponse(new dev.onvifcloud.soap.events.Capabilities(
                        AttributeSet.none().with("WSSubscriptionPolicySupport", true).with("MaxPullPoints", 4)
                                .with("PersistentNotificationStorage", false)))));
        all.put(EventOperations.GET_EVENT_PROPERTIES, List.of(new GetEventProperties(), new GetEventPropertiesResponse(
                List.of(GetEventPropertiesResponse.ONVIF_TOPIC_NAMESPACE_LOCATION), true, topicSet(),
                List.of(TopicExpression.CONCRETE_SET, TopicExpression.CONCRETE),
                List.of(dev.onvifcloud.soap.events.MessageContent.ITEM_FILTER), List.of(),
                List.of(URI.create("http://www.onvif.org/onvif/ver10/schema/onvif.xsd")))));
        all.put(EventOperations.CREATE_PULL_POINT_SUBSCRIPTION, List.of(
                new CreatePullPointSubscription(Optional.of(Filter.topics(TopicExpression.onvifTopic(
                        TopicExpression.CONCRETE_SET, CloudFirmwareUpgradeCompleted.TOPIC))),
                        Optional.of(AbsoluteOrRelativeTime.in(Duration.ofMinutes(10))),
                        List.of(XmlElement.of(new QName(Namespaces.TEV, "ChangedOnly", "tev"), "true"))),
                new CreatePullPointSubscriptionResponse(
                        EndpointReference.of(URI.create("https://camera.local/onvif/pullpoint/7")), NOW,
                        NOW.plusSeconds(600))));
        all.put(EventOperations.PULL_MESSAGES, List.of(new PullMessages(Duration.ofSeconds(30), 10),
                new PullMessagesResponse(NOW, NOW.plusSeconds(600), List.of(
                        new CloudFirmwareUpgradeCompleted("urn:uuid:6b1c4e2a-92ad-4c5e-8d1f-0a9d1b2c3d4e", true,
                                "Upgraded to 2.5.0").toNotificationMessage(NOW.minusSeconds(5), Optional.of(
                                EndpointReference.of(URI.create("https://camera.local/onvif/event_service"))))))));
        all.put(EventOperations.RENEW, List.of(new Renew(AbsoluteOrRelativeTime.in(Duration.ofMinutes(10))),
                new RenewResponse(NOW.plusSeconds(600), NOW)));
        all.put(EventOperations.UNSUBSCRIBE, List.of(new Unsubscribe(), new UnsubscribeResponse()));
        return all;
    }
}
