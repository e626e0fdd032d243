package dev.onvifcloud.protocol;

import java.util.Objects;

/**
 * The JSON codec of the Cloud Integration API. Reading is strict on types, required members and
 * formats, ignores unknown members, rejects duplicate member names and stays within its
 * {@link JsonLimits}; every rejection is a {@link WireFormatException} naming the member by JSON
 * pointer. Writing produces compact UTF-8 JSON with members in the order of the schema. Immutable
 * and thread-safe.
 */
public final class Json {

    private final JsonLimits limits;
    private final BoundedTreeParser parser;
    private final MessageWriter writer = new MessageWriter();

    public Json(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new BoundedTreeParser(limits);
    }

    /** The limits applied when reading. */
    public JsonLimits limits() {
        return limits;
    }

    /**
     * Reads one message from an untrusted body.
     *
     * @param type the expected message: {@link StartDeviceSharing}, {@link DeviceSharingCompleted},
     *     {@link DeviceSharingError}, {@link GetAvailableFWImages} or {@link AvailableFWImages}
     * @throws WireFormatException if the body is not a valid message of that type
     */
    public <T extends WireMessage> T read(byte[] body, Class<T> type) throws WireFormatException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        return MessageReader.read(parser.parse(body), type);
    }

    /** Writes a message as UTF-8 JSON. */
    public byte[] write(WireMessage message) {
        return writer.write(Objects.requireNonNull(message, "message"));
    }
}
