package dev.onvifcloud.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Binds a parsed tree to the wire records, member by member, so that each rejection carries the exact
 * pointer. Unknown members are ignored. Nothing from the input is put in a message.
 */
final class MessageReader {

    private MessageReader() {}

    static <T extends WireMessage> T read(JsonNode root, Class<T> type) throws WireFormatException {
        Pointer at = Pointer.ROOT;
        WireMessage message;
        if (type == StartDeviceSharing.class) {
            message = startDeviceSharing(root, at);
        } else if (type == DeviceSharingCompleted.class) {
            message = deviceSharingCompleted(root, at);
        } else if (type == DeviceSharingError.class) {
            message = deviceSharingError(root, at);
        } else if (type == GetAvailableFWImages.class) {
            message = getAvailableFWImages(root, at);
        } else if (type == AvailableFWImages.class) {
            message = availableFWImages(root, at);
        } else {
            throw new IllegalArgumentException("not a wire message type: " + type.getName());
        }
        return type.cast(message);
    }

    private static StartDeviceSharing startDeviceSharing(JsonNode node, Pointer at) throws WireFormatException {
        ObjectNode object = object(node, at);
        Pointer itemsAt = at.child("deviceConfigurations");
        ArrayNode items = nonEmptyArray(object, at, "deviceConfigurations");
        List<DeviceConfiguration> configurations = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            configurations.add(deviceConfiguration(items.get(i), itemsAt.child(i)));
        }
        Optional<Violation> violation = StartDeviceSharing.firstViolation(configurations);
        if (violation.isPresent()) {
            throw violation.get().under(at);
        }
        return construct(at, () -> new StartDeviceSharing(configurations));
    }

    private static DeviceConfiguration deviceConfiguration(JsonNode node, Pointer at) throws WireFormatException {
        ObjectNode object = object(node, at);
        String shareToken = shareToken(object, at);

        ArrayNode endpointItems = nonEmptyArray(object, at, "endpointReferences");
        List<URI> endpointReferences = new ArrayList<>(endpointItems.size());
        for (int i = 0; i < endpointItems.size(); i++) {
            endpointReferences.add(uri(endpointItems.get(i), at.child("endpointReferences").child(i)));
        }

        ArrayNode uplinkItems = array(object, at, "uplinkConfigurations");
        List<UplinkConfiguration> uplinks = new ArrayList<>(uplinkItems.size());
        for (int i = 0; i < uplinkItems.size(); i++) {
            uplinks.add(uplinkConfiguration(uplinkItems.get(i), at.child("uplinkConfigurations").child(i)));
        }

        ArrayNode serverItems = array(object, at, "authorizationServerConfigurations");
        List<AuthorizationServerConfiguration> servers = new ArrayList<>(serverItems.size());
        for (int i = 0; i < serverItems.size(); i++) {
            servers.add(authorizationServerConfiguration(
                    serverItems.get(i), at.child("authorizationServerConfigurations").child(i)));
        }

        ArrayNode policyItems = array(object, at, "certPathValidationPolicies");
        List<CertPathValidationPolicy> policies = new ArrayList<>(policyItems.size());
        for (int i = 0; i < policyItems.size(); i++) {
            policies.add(certPathValidationPolicy(policyItems.get(i), at.child("certPathValidationPolicies").child(i)));
        }

        Optional<Violation> violation = DeviceConfiguration.firstViolation(uplinks, servers, policies);
        if (violation.isPresent()) {
            throw violation.get().under(at);
        }
        return construct(at, () -> new DeviceConfiguration(shareToken, endpointReferences, uplinks, servers, policies));
    }

    private static UplinkConfiguration uplinkConfiguration(JsonNode node, Pointer at) throws WireFormatException {
        ObjectNode object = object(node, at);
        URI remoteAddress = uri(member(object, at, "remoteAddress"), at.child("remoteAddress"));
        Pointer levelAt = at.child("userLevel");
        String levelName = text(member(object, at, "userLevel"), levelAt);
        UserLevel userLevel = UserLevel.fromWireName(levelName).orElseThrow(() -> new WireFormatException(
                Reason.INVALID_VALUE, levelAt.toString(), "must be one of Administrator, Operator, User"));
        String alias = nonBlank(object, at, "certPathValidationPolicyAlias");
        return construct(at, () -> new UplinkConfiguration(remoteAddress, userLevel, alias));
    }

    private static AuthorizationServerConfiguration authorizationServerConfiguration(JsonNode node, Pointer at)
            throws WireFormatException {
        ObjectNode object = object(node, at);
        URI serverUri = uri(member(object, at, "serverUri"), at.child("serverUri"));
        String clientId = nonBlank(object, at, "clientId");
        Optional<String> scope = object.has("scope") ? Optional.of(nonBlank(object, at, "scope")) : Optional.empty();
        String alias = nonBlank(object, at, "certPathValidationPolicyAlias");
        return construct(at, () -> new AuthorizationServerConfiguration(serverUri, clientId, scope, alias));
    }

    private static CertPathValidationPolicy certPathValidationPolicy(JsonNode node, Pointer at)
            throws WireFormatException {
        ObjectNode object = object(node, at);
        String alias = nonBlank(object, at, "alias");
        ArrayNode anchorItems = nonEmptyArray(object, at, "trustAnchors");
        List<Base64Der> trustAnchors = new ArrayList<>(anchorItems.size());
        for (int i = 0; i < anchorItems.size(); i++) {
            trustAnchors.add(base64Der(anchorItems.get(i), at.child("trustAnchors").child(i)));
        }
        return construct(at, () -> new CertPathValidationPolicy(alias, trustAnchors));
    }

    private static DeviceSharingCompleted deviceSharingCompleted(JsonNode node, Pointer at)
            throws WireFormatException {
        ObjectNode object = object(node, at);
        String shareToken = shareToken(object, at);
        Base64Der devicePublicKey = base64Der(member(object, at, "devicePublicKey"), at.child("devicePublicKey"));
        return construct(at, () -> new DeviceSharingCompleted(shareToken, devicePublicKey));
    }

    private static DeviceSharingError deviceSharingError(JsonNode node, Pointer at) throws WireFormatException {
        ObjectNode object = object(node, at);
        Pointer errorAt = at.child("error");
        String name = text(member(object, at, "error"), errorAt);
        DeviceSharingError.Code code = DeviceSharingError.Code.fromWireName(name).orElseThrow(() ->
                new WireFormatException(Reason.INVALID_VALUE, errorAt.toString(),
                        "must be one of \"Invalid configuration\", \"Invalid JWT\""));
        return construct(at, () -> new DeviceSharingError(code));
    }

    private static GetAvailableFWImages getAvailableFWImages(JsonNode node, Pointer at) throws WireFormatException {
        ObjectNode object = object(node, at);
        String model = nonBlank(object, at, "model");
        return construct(at, () -> new GetAvailableFWImages(model));
    }

    private static AvailableFWImages availableFWImages(JsonNode node, Pointer at) throws WireFormatException {
        if (!node.isArray()) {
            throw wrongType(at, "an array of strings");
        }
        List<String> versions = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Pointer itemAt = at.child(i);
            versions.add(requireNonBlank(text(node.get(i), itemAt), itemAt));
        }
        return construct(at, () -> new AvailableFWImages(versions));
    }

    // ---- members

    private static ObjectNode object(JsonNode node, Pointer at) throws WireFormatException {
        if (!node.isObject()) {
            throw wrongType(at, "an object");
        }
        return (ObjectNode) node;
    }

    private static JsonNode member(ObjectNode object, Pointer at, String name) throws WireFormatException {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new WireFormatException(Reason.MISSING_FIELD, at.child(name).toString(), "required member is missing");
        }
        return value;
    }

    private static ArrayNode array(ObjectNode object, Pointer at, String name) throws WireFormatException {
        JsonNode value = member(object, at, name);
        if (!value.isArray()) {
            throw wrongType(at.child(name), "an array");
        }
        return (ArrayNode) value;
    }

    private static ArrayNode nonEmptyArray(ObjectNode object, Pointer at, String name) throws WireFormatException {
        ArrayNode array = array(object, at, name);
        if (array.isEmpty()) {
            throw new WireFormatException(Reason.INVALID_VALUE, at.child(name).toString(), "must not be empty");
        }
        return array;
    }

    private static String text(JsonNode node, Pointer at) throws WireFormatException {
        if (!node.isTextual()) {
            throw wrongType(at, "a string");
        }
        return node.textValue();
    }

    private static String nonBlank(ObjectNode object, Pointer at, String name) throws WireFormatException {
        Pointer memberAt = at.child(name);
        return requireNonBlank(text(member(object, at, name), memberAt), memberAt);
    }

    private static String requireNonBlank(String value, Pointer at) throws WireFormatException {
        if (value.isBlank()) {
            throw new WireFormatException(Reason.INVALID_VALUE, at.toString(), "must not be blank");
        }
        return value;
    }

    private static String shareToken(ObjectNode object, Pointer at) throws WireFormatException {
        Pointer tokenAt = at.child("shareToken");
        String token = text(member(object, at, "shareToken"), tokenAt);
        if (!WireRules.isCompactJws(token)) {
            throw new WireFormatException(Reason.INVALID_FORMAT, tokenAt.toString(),
                    "not a JWS in compact serialization (three base64url segments separated by dots)");
        }
        return token;
    }

    private static URI uri(JsonNode node, Pointer at) throws WireFormatException {
        String text = text(node, at);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new WireFormatException(Reason.INVALID_FORMAT, at.toString(),
                        "not a URI: only printable US-ASCII characters are allowed");
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new WireFormatException(Reason.INVALID_FORMAT, at.toString(), "not a URI");
        }
        if (!uri.isAbsolute()) {
            throw new WireFormatException(Reason.INVALID_FORMAT, at.toString(), "not an absolute URI");
        }
        if (uri.getHost() == null) {
            throw new WireFormatException(Reason.INVALID_VALUE, at.toString(), "URI without a host");
        }
        return uri;
    }

    private static Base64Der base64Der(JsonNode node, Pointer at) throws WireFormatException {
        String text = text(node, at);
        try {
            return Base64Der.parse(text);
        } catch (WireFormatException e) {
            throw e.under(at);
        }
    }

    private static WireFormatException wrongType(Pointer at, String expected) {
        return new WireFormatException(Reason.WRONG_TYPE, at.toString(), "must be " + expected);
    }

    /** The reader checks every rule first; a constructor refusing anyway still yields a wire error. */
    private static <T> T construct(Pointer at, Supplier<T> constructor) throws WireFormatException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException(Reason.INVALID_VALUE, at.toString(), "violates a rule of the wire model");
        }
    }
}
