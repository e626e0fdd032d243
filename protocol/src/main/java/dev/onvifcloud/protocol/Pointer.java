package dev.onvifcloud.protocol;

/** An RFC 6901 JSON pointer under construction; {@link #toString()} is its string form. */
record Pointer(String value) {

    static final Pointer ROOT = new Pointer("");

    Pointer child(String name) {
        return new Pointer(value + '/' + name.replace("~", "~0").replace("/", "~1"));
    }

    Pointer child(int index) {
        return new Pointer(value + '/' + index);
    }

    @Override
    public String toString() {
        return value;
    }
}
