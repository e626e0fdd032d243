package dev.onvifcloud.protocol;

/**
 * Bounds on untrusted JSON that {@link Json} enforces before and while parsing. They apply to the whole
 * document, unknown members included.
 *
 * @param maxBodyBytes largest body, in bytes (default 1 MiB)
 * @param maxDepth deepest nesting of arrays and objects, the top-level value counting as 1 (default 16;
 *     a {@code startDeviceSharing} needs 6); at most {@value #MAX_DEPTH_CEILING}
 * @param maxArrayItems most items in any array (default 256)
 * @param maxStringLength longest string or member name, in UTF-16 chars (default 16384: room for
 *     certificates and share tokens with certificate chains)
 */
public record JsonLimits(int maxBodyBytes, int maxDepth, int maxArrayItems, int maxStringLength) {

    /** Nesting is parsed recursively: this keeps the stack bounded whatever is configured. */
    public static final int MAX_DEPTH_CEILING = 256;

    public JsonLimits {
        requirePositive(maxBodyBytes, "maxBodyBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxArrayItems, "maxArrayItems");
        requirePositive(maxStringLength, "maxStringLength");
        if (maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be at most " + MAX_DEPTH_CEILING);
        }
    }

    /** Most camera configurations in one {@code startDeviceSharing} request. */
    public static final int MAX_DEVICE_CONFIGURATIONS = 1000;

    /** Largest {@code startDeviceSharing} body: room for {@value #MAX_DEVICE_CONFIGURATIONS} configurations. */
    public static final int MAX_START_DEVICE_SHARING_BYTES = 4 * 1_048_576;

    /**
     * The limits for a {@code startDeviceSharing} request, which an OCS sends for a batch of cameras: the defaults,
     * but up to {@value #MAX_DEVICE_CONFIGURATIONS} items in an array and {@value #MAX_START_DEVICE_SHARING_BYTES}
     * bytes (about 1.5 KB per configuration with one trust anchor).
     */
    public static JsonLimits startDeviceSharing() {
        return defaults().withMaxArrayItems(MAX_DEVICE_CONFIGURATIONS).withMaxBodyBytes(MAX_START_DEVICE_SHARING_BYTES);
    }

    /** The defaults, also written as {@code maxLength}/{@code maxItems} in our OpenAPI document. */
    public static JsonLimits defaults() {
        return new JsonLimits(1_048_576, 16, 256, 16_384);
    }

    public JsonLimits withMaxBodyBytes(int value) {
        return new JsonLimits(value, maxDepth, maxArrayItems, maxStringLength);
    }

    public JsonLimits withMaxDepth(int value) {
        return new JsonLimits(maxBodyBytes, value, maxArrayItems, maxStringLength);
    }

    public JsonLimits withMaxArrayItems(int value) {
        return new JsonLimits(maxBodyBytes, maxDepth, value, maxStringLength);
    }

    public JsonLimits withMaxStringLength(int value) {
        return new JsonLimits(maxBodyBytes, maxDepth, maxArrayItems, value);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
    }
}
