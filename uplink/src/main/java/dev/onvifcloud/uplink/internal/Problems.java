package dev.onvifcloud.uplink.internal;

import io.netty.handler.codec.DecoderException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/** Turns exceptions into short human-readable reasons (for the uplink's {@code Error} field and logs). */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable cause) {
        Throwable t = cause;
        while ((t instanceof DecoderException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SSLException) {
            return "TLS failed: " + rootMessage(t);
        }
        if (t instanceof ConnectException) {
            return "cannot connect: " + t.getMessage();
        }
        if (t instanceof ClosedChannelException) {
            return "connection closed";
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static String rootMessage(Throwable t) {
        String message = t.getMessage();
        Throwable c = t.getCause();
        while (c != null) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
            c = c.getCause();
        }
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
