package dev.onvifcloud.uplink.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A deterministic byte stream of a given length, so both ends can check large bodies by digest. */
final class PatternStream extends InputStream {

    private final long length;
    private long position;

    PatternStream(long length) {
        this.length = length;
    }

    static byte at(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    @Override
    public int read() {
        return position < length ? at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = at(position++);
        }
        return n;
    }

    static String sha256(long length) {
        try {
            return sha256(new PatternStream(length));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
