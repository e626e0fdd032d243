package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code deviceConfiguration} JSON text kept with a sharing operation: our codec's canonical form of one
 * configuration (share token included: the worker sends it back in {@code deviceSharingCompleted}), read back
 * through the same codec so that a worker gets a record valid by construction.
 */
public final class StoredDeviceConfiguration {

    private static final String PREFIX = "{\"deviceConfigurations\":[";
    private static final String SUFFIX = "]}";

    private StoredDeviceConfiguration() {
    }

    /** The JSON text of one configuration. */
    public static String encode(Json json, DeviceConfiguration configuration) {
        String wrapped = new String(json.write(new StartDeviceSharing(List.of(configuration))), StandardCharsets.UTF_8);
        if (!wrapped.startsWith(PREFIX) || !wrapped.endsWith(SUFFIX)) {
            throw new IllegalStateException("the codec no longer writes startDeviceSharing compactly");
        }
        return wrapped.substring(PREFIX.length(), wrapped.length() - SUFFIX.length());
    }

    /**
     * Reads a stored configuration.
     *
     * @throws WireFormatException if the text is not one valid configuration
     */
    public static DeviceConfiguration decode(Json json, String text) throws WireFormatException {
        byte[] wrapped = (PREFIX + text + SUFFIX).getBytes(StandardCharsets.UTF_8);
        StartDeviceSharing message = json.read(wrapped, StartDeviceSharing.class);
        if (message.deviceConfigurations().size() != 1) {
            throw new IllegalArgumentException("not one device configuration");
        }
        return message.deviceConfigurations().get(0);
    }
}
