package dev.onvifcloud.soap;

/** How written messages are laid out. */
public enum Formatting {
    /** No whitespace between elements: what goes on the wire. */
    COMPACT,
    /** Two-space indentation: for golden files, logs and people. */
    INDENTED
}
