package dev.onvifcloud.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines of a long command, each with the seconds since it began; safe to use from several threads. */
final class Progress {

    private final PrintWriter out;
    private final long start = System.nanoTime();

    Progress(PrintWriter out) {
        this.out = out;
    }

    synchronized void line(String text) {
        out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, text);
        out.flush();
    }
}
