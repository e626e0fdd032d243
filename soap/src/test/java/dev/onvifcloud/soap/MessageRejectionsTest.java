package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.soap.SoapFaultException.Reason;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.events.EventOperations;
import dev.onvifcloud.soap.events.CreatePullPointSubscription;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.uplink.ConnectionStatus;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each constraint of each message, on the reading side (a fault naming what is wrong) and the writing side. */
class MessageRejectionsTest {

    private static final SoapCodec CODEC = SoapCodec.standard();
    private static final String NS = " xmlns:tds='http://www.onvif.org/ver10/device/wsdl'"
            + " xmlns:tas='http://www.onvif.org/ver10/advancedsecurity/wsdl'"
            + " xmlns:tup='http://www.onvif.org/ver10/uplink/wsdl'"
            + " xmlns:tev='http://www.onvif.org/ver10/events/wsdl'"
            + " xmlns:tt='http://www.onvif.org/ver10/schema'"
            + " xmlns:wsnt='http://docs.oasis-open.org/wsn/b-2'"
            + " xmlns:wsa='http://www.w3.org/2005/08/addressing'"
            + " xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'";

    static byte[] envelope(String body) {
        return ("<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'" + NS + "><env:Body>" + body
                + "</env:Body></env:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    static String uplink(String content) {
        return "<tup:SetUplink><tup:Configuration>" + content + "</tup:Configuration></tup:SetUplink>";
    }

    static String asData(String attributes, String content) {
        return "<tas:CreateAuthorizationServerConfiguration><tas:Configuration " + attributes + ">" + content
                + "</tas:Configuration></tas:CreateAuthorizationServerConfiguration>";
    }

    static final String CSR_TAIL = "<tas:KeyID>k1</tas:KeyID><tas:SignatureAlgorithm><tas:algorithm>1.2.840.10045.4.3.2"
            + "</tas:algorithm></tas:SignatureAlgorithm>";

    static Stream<Arguments> bad_requests() {
        return Stream.of(
                // uplink
                Arguments.of("SetUplink with neither certificate nor token", uplink(
                        "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS, Ter.MISSING_AUTHENTICATION)),
                Arguments.of("SetUplink with certificate and token", uplink(
                        "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"
                                + "<tup:UserLevel>User</tup:UserLevel><tup:AuthorizationServer>a</tup:AuthorizationServer>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS, Ter.AMBIGUOUS_AUTHENTICATION)),
                Arguments.of("SetUplink over plain http", uplink(
                        "<tup:RemoteAddress>http://ocs/u</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"
                                + "<tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS, Ter.PROTOCOL_NOT_SUPPORTED)),
                Arguments.of("SetUplink without RemoteAddress", uplink(
                        "<tup:CertificateID>c</tup:CertificateID><tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("SetUplink without UserLevel", uplink(
                        "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("SetUplink with a relative RemoteAddress", uplink(
                        "<tup:RemoteAddress>/uplink</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"
                                + "<tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("SetUplink with a RemoteAddress that is no URI", uplink(
                        "<tup:RemoteAddress>https://o cs/</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"
                                + "<tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("SetUplink with a 65-character token", uplink(
                        "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:UserLevel>User</tup:UserLevel>"
                                + "<tup:AuthorizationServer>" + "t".repeat(65) + "</tup:AuthorizationServer>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("SetUplink with a CertificateID with spaces", uplink(
                        "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:CertificateID>a b</tup:CertificateID>"
                                + "<tup:UserLevel>User</tup:UserLevel>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("DeleteUplink without RemoteAddress", "<tup:DeleteUplink/>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                // advanced security
                Arguments.of("CreateECCKeyPair without curve", "<tas:CreateECCKeyPair/>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreateECCKeyPair with a blank curve",
                        "<tas:CreateECCKeyPair><tas:EllipticCurve> </tas:EllipticCurve></tas:CreateECCKeyPair>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("GetKeyStatus with a KeyID that is no NCName",
                        "<tas:GetKeyStatus><tas:KeyID>1key</tas:KeyID></tas:GetKeyStatus>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("DeleteKey without KeyID", "<tas:DeleteKey/>", Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("DeleteCertificate with an empty CertificateID",
                        "<tas:DeleteCertificate><tas:CertificateID/></tas:DeleteCertificate>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreatePKCS10CSR without Subject", "<tas:CreatePKCS10CSR>" + CSR_TAIL + "</tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreatePKCS10CSR with an empty Subject",
                        "<tas:CreatePKCS10CSR><tas:Subject/>" + CSR_TAIL + "</tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreatePKCS10CSR without SignatureAlgorithm", "<tas:CreatePKCS10CSR><tas:Subject>"
                                + "<tas:CommonName>c</tas:CommonName></tas:Subject><tas:KeyID>k1</tas:KeyID></tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreatePKCS10CSR with an algorithm that is no OID", "<tas:CreatePKCS10CSR><tas:Subject>"
                                + "<tas:CommonName>c</tas:CommonName></tas:Subject><tas:KeyID>k1</tas:KeyID>"
                                + "<tas:SignatureAlgorithm><tas:algorithm>ecdsa</tas:algorithm></tas:SignatureAlgorithm>"
                                + "</tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreatePKCS10CSR with a generic attribute whose type is no OID", "<tas:CreatePKCS10CSR>"
                                + "<tas:Subject><tas:GenericAttribute><tas:Type>CN</tas:Type><tas:Value>c</tas:Value>"
                                + "</tas:GenericAttribute></tas:Subject>" + CSR_TAIL + "</tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreatePKCS10CSR with an empty CSRAttribute", "<tas:CreatePKCS10CSR><tas:Subject>"
                                + "<tas:CommonName>c</tas:CommonName></tas:Subject><tas:KeyID>k1</tas:KeyID><tas:CSRAttribute/>"
                                + "<tas:SignatureAlgorithm><tas:algorithm>1.2</tas:algorithm></tas:SignatureAlgorithm>"
                                + "</tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL, Ter.INVALID_ATTRIBUTE)),
                Arguments.of("CreatePKCS10CSR with an extension value that is no base64", "<tas:CreatePKCS10CSR>"
                                + "<tas:Subject><tas:CommonName>c</tas:CommonName></tas:Subject><tas:KeyID>k1</tas:KeyID>"
                                + "<tas:CSRAttribute><tas:X509v3Extension><tas:extnOID>2.5.29.37</tas:extnOID>"
                                + "<tas:critical>false</tas:critical><tas:extnValue>!!</tas:extnValue></tas:X509v3Extension>"
                                + "</tas:CSRAttribute><tas:SignatureAlgorithm><tas:algorithm>1.2</tas:algorithm>"
                                + "</tas:SignatureAlgorithm></tas:CreatePKCS10CSR>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("UploadCertificate without certificate", "<tas:UploadCertificate/>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("UploadCertificate with an empty certificate",
                        "<tas:UploadCertificate><tas:Certificate></tas:Certificate></tas:UploadCertificate>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("UploadCertificate with a PrivateKeyRequired that is no boolean",
                        "<tas:UploadCertificate><tas:Certificate>MAA=</tas:Certificate>"
                                + "<tas:PrivateKeyRequired>maybe</tas:PrivateKeyRequired></tas:UploadCertificate>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreateCertPathValidationPolicy without TrustAnchor", "<tas:CreateCertPathValidationPolicy>"
                                + "<tas:Parameters/></tas:CreateCertPathValidationPolicy>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreateCertPathValidationPolicy without Parameters", "<tas:CreateCertPathValidationPolicy>"
                                + "<tas:TrustAnchor><tas:CertificateID>ca</tas:CertificateID></tas:TrustAnchor>"
                                + "</tas:CreateCertPathValidationPolicy>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreateCertPathValidationPolicy with a bad trust anchor ID",
                        "<tas:CreateCertPathValidationPolicy><tas:Parameters/><tas:TrustAnchor>"
                                + "<tas:CertificateID>a:b</tas:CertificateID></tas:TrustAnchor>"
                                + "</tas:CreateCertPathValidationPolicy>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreateCertPathValidationPolicy with a parameter that is no boolean",
                        "<tas:CreateCertPathValidationPolicy><tas:Parameters><tas:UseDeltaCRLs>no</tas:UseDeltaCRLs>"
                                + "</tas:Parameters><tas:TrustAnchor><tas:CertificateID>ca</tas:CertificateID>"
                                + "</tas:TrustAnchor></tas:CreateCertPathValidationPolicy>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("GetCertPathValidationPolicy without ID", "<tas:GetCertPathValidationPolicy/>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("DeleteCertPathValidationPolicy with a 65-character ID", "<tas:DeleteCertPathValidationPolicy>"
                                + "<tas:CertPathValidationPolicyID>" + "p".repeat(65)
                                + "</tas:CertPathValidationPolicyID></tas:DeleteCertPathValidationPolicy>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreateAuthorizationServerConfiguration without Type",
                        asData("", "<tas:ServerUri>https://as/t</tas:ServerUri>"),
                        Reason.INVALID_ARGS, List.of(Ter.MISSING_ATTR)),
                Arguments.of("CreateAuthorizationServerConfiguration with an unknown Type",
                        asData("Type='Magic'", "<tas:ServerUri>https://as/t</tas:ServerUri>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreateAuthorizationServerConfiguration with an unknown ClientAuth",
                        asData("Type='OAuthClientCredentials' ClientAuth='none'",
                                "<tas:ServerUri>https://as/t</tas:ServerUri>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreateAuthorizationServerConfiguration without ServerUri",
                        asData("Type='OAuthClientCredentials'", ""), Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreateAuthorizationServerConfiguration with a relative ServerUri",
                        asData("Type='OAuthClientCredentials'", "<tas:ServerUri>/token</tas:ServerUri>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreateAuthorizationServerConfiguration with a bad KeyID",
                        asData("Type='OAuthClientCredentials'",
                                "<tas:ServerUri>https://as/t</tas:ServerUri><tas:KeyID>a b</tas:KeyID>"),
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("SetAuthorizationServerConfiguration without token",
                        "<tas:SetAuthorizationServerConfiguration><tas:Configuration><tas:Data Type='OAuthClientCredentials'>"
                                + "<tas:ServerUri>https://as/t</tas:ServerUri></tas:Data></tas:Configuration>"
                                + "</tas:SetAuthorizationServerConfiguration>",
                        Reason.INVALID_ARGS, List.of(Ter.MISSING_ATTR)),
                Arguments.of("SetAuthorizationServerConfiguration without Data",
                        "<tas:SetAuthorizationServerConfiguration><tas:Configuration token='a'/>"
                                + "</tas:SetAuthorizationServerConfiguration>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("DeleteAuthorizationServerConfiguration with a 65-character token",
                        "<tas:DeleteAuthorizationServerConfiguration><tas:Token>" + "t".repeat(65)
                                + "</tas:Token></tas:DeleteAuthorizationServerConfiguration>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("GetAuthorizationServerConfigurations with two tokens",
                        "<tas:GetAuthorizationServerConfigurations><tas:Token>a</tas:Token><tas:Token>b</tas:Token>"
                                + "</tas:GetAuthorizationServerConfigurations>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                // device
                Arguments.of("UpgradeFirmware with a blank version",
                        "<tds:UpgradeFirmware><tds:Version> </tds:Version></tds:UpgradeFirmware>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("GetServices without IncludeCapability", "<tds:GetServices/>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                // events
                Arguments.of("PullMessages with a negative limit", "<tev:PullMessages><tev:Timeout>PT1M</tev:Timeout>"
                                + "<tev:MessageLimit>-1</tev:MessageLimit></tev:PullMessages>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("PullMessages with a timeout that is no duration", "<tev:PullMessages><tev:Timeout>60"
                                + "</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("PullMessages with a timeout in months", "<tev:PullMessages><tev:Timeout>P1M</tev:Timeout>"
                                + "<tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("PullMessages with a limit that is no int", "<tev:PullMessages><tev:Timeout>PT1M"
                                + "</tev:Timeout><tev:MessageLimit>99999999999</tev:MessageLimit></tev:PullMessages>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreatePullPointSubscription with an undeclared topic prefix",
                        "<tev:CreatePullPointSubscription><tev:Filter><wsnt:TopicExpression Dialect='"
                                + "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet'>nope:Monitoring"
                                + "</wsnt:TopicExpression></tev:Filter></tev:CreatePullPointSubscription>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("CreatePullPointSubscription with a topic without dialect",
                        "<tev:CreatePullPointSubscription><tev:Filter><wsnt:TopicExpression>tt:Monitoring"
                                + "</wsnt:TopicExpression></tev:Filter></tev:CreatePullPointSubscription>",
                        Reason.INVALID_ARGS, List.of(Ter.MISSING_ATTR)),
                Arguments.of("CreatePullPointSubscription with a negative relative time",
                        "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>-PT1M</tev:InitialTerminationTime>"
                                + "</tev:CreatePullPointSubscription>",
                        Reason.INVALID_ARG_VAL, List.of(Ter.INVALID_ARG_VAL)),
                Arguments.of("CreatePullPointSubscription with a time that is neither",
                        "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>tomorrow</tev:InitialTerminationTime>"
                                + "</tev:CreatePullPointSubscription>",
                        Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)),
                Arguments.of("Renew without TerminationTime", "<wsnt:Renew/>", Reason.INVALID_ARGS, List.of(Ter.INVALID_ARGS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_requests(String what, String body, Reason reason, List<QName> subcodes) {
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> CODEC.readRequest(envelope(body)));
        assertThat(e).as(what).isNotNull();
        assertThat(e.reason()).as(what).isEqualTo(reason);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.Sender);
        assertThat(e.fault().subcodes()).as(what).containsExactlyElementsOf(subcodes);
        assertThat(CODEC.writeFault(e.fault())).isNotEmpty();
    }

    static Stream<Arguments> bad_responses() {
        return Stream.of(
                Arguments.of(DeviceOperations.GET_DEVICE_INFORMATION, "<tds:GetDeviceInformationResponse>"
                        + "<tds:Manufacturer>m</tds:Manufacturer><tds:Model>m</tds:Model><tds:FirmwareVersion>1"
                        + "</tds:FirmwareVersion><tds:SerialNumber>s</tds:SerialNumber></tds:GetDeviceInformationResponse>",
                        Reason.INVALID_ARGS),
                Arguments.of(DeviceOperations.UPGRADE_FIRMWARE, "<tds:UpgradeFirmwareResponse><tds:ExpectedDownTime>soon"
                        + "</tds:ExpectedDownTime></tds:UpgradeFirmwareResponse>", Reason.INVALID_ARGS),
                Arguments.of(DeviceOperations.UPGRADE_FIRMWARE, "<tds:UpgradeFirmwareResponse><tds:ExpectedDownTime>-PT1M"
                        + "</tds:ExpectedDownTime></tds:UpgradeFirmwareResponse>", Reason.INVALID_ARG_VAL),
                Arguments.of(DeviceOperations.GET_SERVICES, "<tds:GetServicesResponse/>", Reason.INVALID_ARGS),
                Arguments.of(DeviceOperations.GET_SERVICES, "<tds:GetServicesResponse><tds:Service><tds:Namespace>u"
                        + "</tds:Namespace><tds:XAddr>https://c/x</tds:XAddr><tds:Capabilities><a/><b/></tds:Capabilities>"
                        + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>0</tt:Minor></tds:Version></tds:Service>"
                        + "</tds:GetServicesResponse>", Reason.INVALID_ARGS),
                Arguments.of(DeviceOperations.GET_SERVICES, "<tds:GetServicesResponse><tds:Service><tds:Namespace>u"
                        + "</tds:Namespace><tds:XAddr>https://c/x</tds:XAddr><tds:Version><tt:Major>2</tt:Major>"
                        + "<tt:Minor>100</tt:Minor></tds:Version></tds:Service></tds:GetServicesResponse>",
                        Reason.INVALID_ARG_VAL),
                Arguments.of(DeviceOperations.GET_SERVICE_CAPABILITIES, "<tds:GetServiceCapabilitiesResponse>"
                        + "<tds:Capabilities><tds:Network/><tds:Security/><tds:System CloudFirmwareUpgrade='perhaps'/>"
                        + "</tds:Capabilities></tds:GetServiceCapabilitiesResponse>", Reason.INVALID_ARGS),
                Arguments.of(DeviceOperations.GET_SERVICE_CAPABILITIES, "<tds:GetServiceCapabilitiesResponse>"
                        + "<tds:Capabilities><tds:Security/><tds:System/></tds:Capabilities>"
                        + "</tds:GetServiceCapabilitiesResponse>", Reason.INVALID_ARGS),
                Arguments.of(SecurityOperations.GET_KEY_STATUS, "<tas:GetKeyStatusResponse><tas:KeyStatus>broken"
                        + "</tas:KeyStatus></tas:GetKeyStatusResponse>", Reason.INVALID_ARG_VAL),
                Arguments.of(SecurityOperations.CREATE_ECC_KEY_PAIR, "<tas:CreateECCKeyPairResponse><tas:KeyID>k"
                        + "</tas:KeyID><tas:EstimatedCreationTime>P1Y</tas:EstimatedCreationTime>"
                        + "</tas:CreateECCKeyPairResponse>", Reason.INVALID_ARGS),
                Arguments.of(SecurityOperations.GET_SERVICE_CAPABILITIES, "<tas:GetServiceCapabilitiesResponse>"
                        + "<tas:Capabilities><tas:KeystoreCapabilities MaximumNumberOfKeys='0'/><tas:TLSServerCapabilities/>"
                        + "</tas:Capabilities></tas:GetServiceCapabilitiesResponse>", Reason.INVALID_ARGS),
                Arguments.of(SecurityOperations.GET_ALL_KEYS, "<tas:GetAllKeysResponse><tas:KeyAttribute><tas:KeyID>k"
                        + "</tas:KeyID></tas:KeyAttribute></tas:GetAllKeysResponse>", Reason.INVALID_ARGS),
                Arguments.of(SecurityOperations.GET_ALL_CERTIFICATES, "<tas:GetAllCertificatesResponse><tas:Certificate>"
                        + "<tas:CertificateID>c</tas:CertificateID><tas:KeyID>k</tas:KeyID></tas:Certificate>"
                        + "</tas:GetAllCertificatesResponse>", Reason.INVALID_ARGS),
                Arguments.of(UplinkOperations.GET_SERVICE_CAPABILITIES, "<tup:GetServiceCapabilitiesResponse>"
                        + "<tup:Capabilities MaxUplinks='many'/></tup:GetServiceCapabilitiesResponse>", Reason.INVALID_ARGS),
                Arguments.of(EventOperations.RENEW, "<wsnt:RenewResponse><wsnt:TerminationTime>2026-01-01T00:00:00Z"
                        + "</wsnt:TerminationTime></wsnt:RenewResponse>", Reason.INVALID_ARGS),
                Arguments.of(EventOperations.CREATE_PULL_POINT_SUBSCRIPTION, "<tev:CreatePullPointSubscriptionResponse>"
                        + "<tev:SubscriptionReference/><wsnt:CurrentTime>2026-01-01T00:00:00Z</wsnt:CurrentTime>"
                        + "<wsnt:TerminationTime>2026-01-01T00:00:00Z</wsnt:TerminationTime>"
                        + "</tev:CreatePullPointSubscriptionResponse>", Reason.INVALID_ARGS),
                Arguments.of(EventOperations.GET_EVENT_PROPERTIES, "<tev:GetEventPropertiesResponse>"
                        + "<tev:TopicNamespaceLocation>u</tev:TopicNamespaceLocation><wsnt:FixedTopicSet>true"
                        + "</wsnt:FixedTopicSet></tev:GetEventPropertiesResponse>", Reason.INVALID_ARGS),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message/>"
                        + "</wsnt:NotificationMessage>"), Reason.INVALID_ARGS),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message><tt:Message/>"
                        + "</wsnt:Message></wsnt:NotificationMessage>"), Reason.INVALID_ARGS),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message><tt:Message "
                        + "UtcTime='2026-01-01T00:00:00Z' PropertyOperation='Moved'/></wsnt:Message>"
                        + "</wsnt:NotificationMessage>"), Reason.INVALID_ARG_VAL),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message><tt:Message "
                        + "UtcTime='2026-01-01T00:00:00Z'><tt:Data><tt:SimpleItem Name='a' Value='1'/><tt:SimpleItem "
                        + "Name='a' Value='2'/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>"),
                        Reason.INVALID_ARG_VAL),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message><tt:Message "
                        + "UtcTime='2026-01-01T00:00:00Z'><tt:Data><tt:ElementItem Name='a'/></tt:Data></tt:Message>"
                        + "</wsnt:Message></wsnt:NotificationMessage>"), Reason.INVALID_ARGS),
                Arguments.of(EventOperations.PULL_MESSAGES, pull("<wsnt:NotificationMessage><wsnt:Message><tt:Message "
                        + "UtcTime='2026-01-01T00:00:00Z'><tt:Data><tt:SimpleItem Name='a'/></tt:Data></tt:Message>"
                        + "</wsnt:Message></wsnt:NotificationMessage>"), Reason.INVALID_ARGS));
    }

    private static String pull(String messages) {
        return "<tev:PullMessagesResponse><tev:CurrentTime>2026-01-01T00:00:00Z</tev:CurrentTime>"
                + "<tev:TerminationTime>2026-01-01T00:01:00Z</tev:TerminationTime>" + messages
                + "</tev:PullMessagesResponse>";
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource
    void bad_responses(Operation<?, ?> operation, String body, Reason reason) {
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> CODEC.readResponse(operation, envelope(body)));
        assertThat(e).as(body).isNotNull();
        assertThat(e.reason()).as(body).isEqualTo(reason);
    }

    @Test
    void ignores_unknown_extension_elements_and_attributes() throws Exception {
        IncomingRequest read = CODEC.readRequest(envelope(uplink("<tup:RemoteAddress>https://ocs.example.com/uplink"
                + "</tup:RemoteAddress><tup:UserLevel>Operator</tup:UserLevel>"
                + "<tup:CertPathValidationPolicyID>policy-ocs</tup:CertPathValidationPolicyID>"
                + "<tup:AuthorizationServer>as-ocs-1</tup:AuthorizationServer>"
                + "<v:Vendor xmlns:v='urn:vendor' v:x='1'><v:Deep/></v:Vendor><tup:FutureElement>1</tup:FutureElement>")));
        assertThat(read.request()).isEqualTo(new SetUplink(Fixtures.uplink()));
    }

    @Test
    void ignores_the_status_a_client_sends_and_reads_the_older_online_word() throws Exception {
        String base = "<tup:RemoteAddress>https://ocs/u</tup:RemoteAddress><tup:CertificateID>c</tup:CertificateID>"
                + "<tup:UserLevel>User</tup:UserLevel>";
        SetUplink unknown = (SetUplink) CODEC.readRequest(envelope(uplink(base + "<tup:Status>Sleeping</tup:Status>")))
                .request();
        assertThat(unknown.configuration().status()).isEmpty();
        SetUplink online = (SetUplink) CODEC.readRequest(envelope(uplink(base + "<tup:Status>Online</tup:Status>")))
                .request();
        assertThat(online.configuration().status()).contains(ConnectionStatus.Connected);
    }

    @Test
    void reads_a_nil_initial_termination_time_as_absent() throws Exception {
        CreatePullPointSubscription read = (CreatePullPointSubscription) CODEC.readRequest(envelope(
                "<tev:CreatePullPointSubscription><tev:InitialTerminationTime xsi:nil='true'/>"
                        + "</tev:CreatePullPointSubscription>")).request();
        assertThat(read.initialTerminationTime()).isEmpty();
        assertThat(read.filter()).isEmpty();
    }

    @Test
    void the_writing_side_cannot_build_an_invalid_set_uplink() {
        URI ocs = URI.create("https://ocs.example.com/uplink");
        assertThatThrownBy(() -> new SetUplink(new UplinkConfiguration(ocs, Optional.empty(), List.of("User"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both missing");
        assertThatThrownBy(() -> new SetUplink(new UplinkConfiguration(ocs, Optional.of("c"), List.of("User"),
                Optional.empty(), Optional.empty(), Optional.of(new ReferenceToken("a")), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> new SetUplink(UplinkConfiguration.mutualTls(URI.create("http://ocs/u"), "c", "User",
                Optional.empty()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https or wss");
        assertThatThrownBy(() -> UplinkConfiguration.mutualTls(URI.create("https://ocs/u"), "c", "Two words",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceToken("")).isInstanceOf(IllegalArgumentException.class);
    }
}
