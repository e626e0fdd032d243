package dev.onvifcloud.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** Writes the wire records as compact UTF-8 JSON, members in the order of the schema. */
final class MessageWriter {

    private final JsonFactory factory = JsonFactory.builder().build();

    byte[] write(WireMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            if (message instanceof StartDeviceSharing m) {
                startDeviceSharing(generator, m);
            } else if (message instanceof DeviceSharingCompleted m) {
                deviceSharingCompleted(generator, m);
            } else if (message instanceof DeviceSharingError m) {
                generator.writeStartObject();
                generator.writeStringField("error", m.error().wireName());
                generator.writeEndObject();
            } else if (message instanceof GetAvailableFWImages m) {
                generator.writeStartObject();
                generator.writeStringField("model", m.model());
                generator.writeEndObject();
            } else if (message instanceof AvailableFWImages m) {
                generator.writeStartArray();
                for (String version : m.versions()) {
                    generator.writeString(version);
                }
                generator.writeEndArray();
            } else {
                throw new IllegalStateException("unhandled wire message " + message.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    private static void startDeviceSharing(JsonGenerator g, StartDeviceSharing message) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("deviceConfigurations");
        for (DeviceConfiguration configuration : message.deviceConfigurations()) {
            deviceConfiguration(g, configuration);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void deviceConfiguration(JsonGenerator g, DeviceConfiguration configuration) throws IOException {
        g.writeStartObject();
        g.writeStringField("shareToken", configuration.shareToken());
        g.writeArrayFieldStart("endpointReferences");
        for (URI endpoint : configuration.endpointReferences()) {
            g.writeString(endpoint.toString());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("uplinkConfigurations");
        for (UplinkConfiguration uplink : configuration.uplinkConfigurations()) {
            g.writeStartObject();
            g.writeStringField("remoteAddress", uplink.remoteAddress().toString());
            g.writeStringField("userLevel", uplink.userLevel().wireName());
            g.writeStringField("certPathValidationPolicyAlias", uplink.certPathValidationPolicyAlias());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("authorizationServerConfigurations");
        for (AuthorizationServerConfiguration server : configuration.authorizationServerConfigurations()) {
            g.writeStartObject();
            g.writeStringField("serverUri", server.serverUri().toString());
            g.writeStringField("clientId", server.clientId());
            if (server.scope().isPresent()) {
                g.writeStringField("scope", server.scope().get());
            }
            g.writeStringField("certPathValidationPolicyAlias", server.certPathValidationPolicyAlias());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("certPathValidationPolicies");
        for (CertPathValidationPolicy policy : configuration.certPathValidationPolicies()) {
            g.writeStartObject();
            g.writeStringField("alias", policy.alias());
            g.writeArrayFieldStart("trustAnchors");
            for (Base64Der anchor : policy.trustAnchors()) {
                g.writeString(anchor.toBase64());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void deviceSharingCompleted(JsonGenerator g, DeviceSharingCompleted message) throws IOException {
        g.writeStartObject();
        g.writeStringField("shareToken", message.shareToken());
        g.writeStringField("devicePublicKey", message.devicePublicKey().toBase64());
        g.writeEndObject();
    }
}
