package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.ElementReader;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.XmlWriter;
import dev.onvifcloud.soap.XsdTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/** Readers and writers of the uplink service's body elements. */
final class UplinkCodecs {

    private static final QName CAPABILITIES = tup("Capabilities");
    private static final QName CONFIGURATION = tup("Configuration");
    private static final QName REMOTE_ADDRESS = tup("RemoteAddress");
    private static final QName CERTIFICATE_ID = tup("CertificateID");
    private static final QName USER_LEVEL = tup("UserLevel");
    private static final QName STATUS = tup("Status");
    private static final QName CERT_PATH_VALIDATION_POLICY_ID = tup("CertPathValidationPolicyID");
    private static final QName AUTHORIZATION_SERVER = tup("AuthorizationServer");
    private static final QName ERROR = tup("Error");

    static final MessageCodec<GetServiceCapabilities> GET_SERVICE_CAPABILITIES =
            MessageCodec.empty(tup("GetServiceCapabilities"), new GetServiceCapabilities());
    static final MessageCodec<GetUplinks> GET_UPLINKS = MessageCodec.empty(tup("GetUplinks"), new GetUplinks());
    static final MessageCodec<SetUplinkResponse> SET_UPLINK_RESPONSE =
            MessageCodec.empty(tup("SetUplinkResponse"), new SetUplinkResponse());
    static final MessageCodec<DeleteUplinkResponse> DELETE_UPLINK_RESPONSE =
            MessageCodec.empty(tup("DeleteUplinkResponse"), new DeleteUplinkResponse());

    static final MessageCodec<GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES_RESPONSE = new MessageCodec<>() {
        @Override
        public QName element() {
            return tup("GetServiceCapabilitiesResponse");
        }

        @Override
        public GetServiceCapabilitiesResponse read(ElementReader body) throws SoapFaultException {
            ElementReader capabilities = body.required(CAPABILITIES);
            return capabilities.build(() -> new GetServiceCapabilitiesResponse(
                    new Capabilities(AttributeSet.of(capabilities.element()))));
        }

        @Override
        public void write(XmlWriter writer, GetServiceCapabilitiesResponse value) {
            writer.start(element()).start(CAPABILITIES);
            value.capabilities().attributes().writeTo(writer);
            writer.end().end();
        }
    };

    static final MessageCodec<GetUplinksResponse> GET_UPLINKS_RESPONSE = new MessageCodec<>() {
        @Override
        public QName element() {
            return tup("GetUplinksResponse");
        }

        @Override
        public GetUplinksResponse read(ElementReader body) throws SoapFaultException {
            List<UplinkConfiguration> configurations = new ArrayList<>();
            for (ElementReader configuration : body.all(CONFIGURATION)) {
                configurations.add(readConfiguration(configuration));
            }
            return new GetUplinksResponse(configurations);
        }

        @Override
        public void write(XmlWriter writer, GetUplinksResponse value) {
            writer.start(element());
            value.configurations().forEach(configuration -> writeConfiguration(writer, configuration));
            writer.end();
        }
    };

    static final MessageCodec<SetUplink> SET_UPLINK = new MessageCodec<>() {
        @Override
        public QName element() {
            return tup("SetUplink");
        }

        @Override
        public SetUplink read(ElementReader body) throws SoapFaultException {
            UplinkConfiguration configuration = readConfiguration(body.required(CONFIGURATION));
            boolean certificate = configuration.certificateID().isPresent();
            boolean token = configuration.authorizationServer().isPresent();
            if (!certificate && !token) {
                throw uplinkFault("CertificateID and AuthorizationServer are both missing",
                        Ter.MISSING_AUTHENTICATION);
            }
            if (certificate && token) {
                throw uplinkFault("CertificateID and AuthorizationServer are mutually exclusive",
                        Ter.AMBIGUOUS_AUTHENTICATION);
            }
            String scheme = configuration.remoteAddress().getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw uplinkFault("The RemoteAddress protocol is not supported", Ter.PROTOCOL_NOT_SUPPORTED);
            }
            return new SetUplink(configuration);
        }

        @Override
        public void write(XmlWriter writer, SetUplink value) {
            writer.start(element());
            writeConfiguration(writer, value.configuration());
            writer.end();
        }
    };

    static final MessageCodec<DeleteUplink> DELETE_UPLINK = new MessageCodec<>() {
        @Override
        public QName element() {
            return tup("DeleteUplink");
        }

        @Override
        public DeleteUplink read(ElementReader body) throws SoapFaultException {
            URI remoteAddress = body.required(REMOTE_ADDRESS, XsdTypes::parseUri);
            return body.build(() -> new DeleteUplink(remoteAddress));
        }

        @Override
        public void write(XmlWriter writer, DeleteUplink value) {
            writer.start(element()).element(REMOTE_ADDRESS, value.remoteAddress().toString()).end();
        }
    };

    private UplinkCodecs() {
    }

    private static QName tup(String localName) {
        return new QName(Namespaces.TUP, localName, "tup");
    }

    private static SoapFaultException uplinkFault(String reason, QName subcode) {
        return new SoapFaultException(SoapFaultException.Reason.INVALID_ARGS,
                SoapFault.sender(reason, Ter.INVALID_ARGS, subcode));
    }

    static UplinkConfiguration readConfiguration(ElementReader configuration) throws SoapFaultException {
        URI remoteAddress = configuration.required(REMOTE_ADDRESS, XsdTypes::parseUri);
        Optional<String> certificateID = configuration.optional(CERTIFICATE_ID, String::strip);
        List<String> userLevel = configuration.required(USER_LEVEL, XsdTypes::parseList);
        // The device ignores Status on SetUplink; an unknown word is dropped rather than refused.
        Optional<ConnectionStatus> status = configuration.optional(STATUS, text -> text)
                .flatMap(ConnectionStatus::fromWire);
        Optional<String> policy = configuration.optional(CERT_PATH_VALIDATION_POLICY_ID, String::strip);
        Optional<ReferenceToken> authorizationServer =
                configuration.optional(AUTHORIZATION_SERVER, text -> new ReferenceToken(text.strip()));
        Optional<String> error = configuration.optional(ERROR, text -> text);
        return configuration.build(() -> new UplinkConfiguration(remoteAddress, certificateID, userLevel, status,
                policy, authorizationServer, error));
    }

    static void writeConfiguration(XmlWriter writer, UplinkConfiguration configuration) {
        writer.start(CONFIGURATION);
        writer.element(REMOTE_ADDRESS, configuration.remoteAddress().toString());
        writer.optionalElement(CERTIFICATE_ID, configuration.certificateID());
        writer.element(USER_LEVEL, String.join(" ", configuration.userLevel()));
        writer.optionalElement(STATUS, configuration.status().map(Enum::name));
        writer.optionalElement(CERT_PATH_VALIDATION_POLICY_ID, configuration.certPathValidationPolicyID());
        writer.optionalElement(AUTHORIZATION_SERVER, configuration.authorizationServer().map(ReferenceToken::value));
        writer.optionalElement(ERROR, configuration.error());
        writer.end();
    }
}
