package dev.onvifcloud.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Log levels for commands whose own output tells the story. */
final class Logging {

    private Logging() {
    }

    /** Warnings only from our libraries, unless ONVIF_CLOUD_LOG_LEVEL asks for more. */
    static void quietUnlessAsked() {
        if (System.getenv("ONVIF_CLOUD_LOG_LEVEL") == null
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("dev.onvifcloud").setLevel(Level.WARN);
        }
    }
}
