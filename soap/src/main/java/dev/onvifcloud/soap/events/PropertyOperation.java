package dev.onvifcloud.soap.events;

/** tt:PropertyOperation of a property event; the constant names are the wire values. */
public enum PropertyOperation {
    Initialized, Deleted, Changed
}
