package dev.onvifcloud.soap;

/**
 * Bounds on an incoming SOAP message, checked before and while it is parsed.
 *
 * @param maxMessageBytes   size of the whole message in bytes
 * @param maxDepth          element nesting depth, the Envelope being depth 1
 * @param maxElements       number of elements in the message
 * @param maxTextLength     characters of text directly inside one element (or of one attribute value or
 *                          namespace name)
 * @param maxAttributes     attributes on one element, and separately namespace declarations on one element
 */
public record SoapLimits(int maxMessageBytes, int maxDepth, int maxElements, int maxTextLength, int maxAttributes) {

    /**
     * 1 MiB, depth 48, 20 000 elements, 256 KiB of text per element, 64 attributes and 64 namespace
     * declarations per element.
     */
    public static final SoapLimits DEFAULT = new SoapLimits(1 << 20, 48, 20_000, 256 * 1024, 64);

    public SoapLimits {
        if (maxMessageBytes < 256 || maxDepth < 4 || maxElements < 4 || maxTextLength < 64 || maxAttributes < 4) {
            throw new IllegalArgumentException("SOAP limits too small to carry any ONVIF message");
        }
    }
}
