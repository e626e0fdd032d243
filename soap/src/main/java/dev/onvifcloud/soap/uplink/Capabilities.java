package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.AttributeSet.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The uplink service capabilities (tup:Capabilities): MaxUplinks, Protocols, AuthorizationModes, StreamingOverUplink. */
public record Capabilities(AttributeSet attributes) {

    static final Map<String, Type> TYPES = Map.of("MaxUplinks", Type.INT, "Protocols", Type.LIST,
            "AuthorizationModes", Type.LIST, "StreamingOverUplink", Type.BOOLEAN);

    public Capabilities {
        Objects.requireNonNull(attributes, "attributes").checked(TYPES);
    }

    /** Capabilities with the four attributes of the Uplink specification. */
    public static Capabilities of(int maxUplinks, List<String> protocols, List<String> authorizationModes,
                                  boolean streamingOverUplink) {
        return new Capabilities(AttributeSet.none().with("MaxUplinks", maxUplinks).with("Protocols", protocols)
                .with("AuthorizationModes", authorizationModes).with("StreamingOverUplink", streamingOverUplink));
    }

    /** Maximum number of uplink configurations. */
    public Optional<Integer> maxUplinks() {
        return attributes.integer("MaxUplinks");
    }

    /** Supported protocols ({@code https}, {@code wss}). */
    public List<String> protocols() {
        return attributes.list("Protocols");
    }

    /** Supported authorization modes ({@code mTLS}, {@code AccessToken}). */
    public List<String> authorizationModes() {
        return attributes.list("AuthorizationModes");
    }

    /** Whether media can be streamed over the uplink. */
    public Optional<Boolean> streamingOverUplink() {
        return attributes.bool("StreamingOverUplink");
    }
}
