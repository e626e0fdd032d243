package dev.onvifcloud.security.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes PEM text (RFC 7468): 64-character lines, LF line ends, so the output is the same on every platform. */
final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + LINES.encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
