package dev.onvifcloud.soap;

import javax.xml.namespace.QName;

/**
 * Reads and writes one message body element (the child of {@code env:Body}). Implementations are stateless
 * and hand-written: no reflection.
 *
 * @param <T> the record the element maps to
 */
public interface MessageCodec<T> {

    /** The body element's name. */
    QName element();

    /** Builds the record from a received body element whose name is {@link #element()}. */
    T read(ElementReader body) throws SoapFaultException;

    /** Writes the body element for a value. */
    void write(XmlWriter writer, T value);

    /** Reads the content of a body element. */
    @FunctionalInterface
    interface ContentReader<T> {
        T read(ElementReader body) throws SoapFaultException;
    }

    /** Writes the content of a body element; the element itself is opened and closed around it. */
    @FunctionalInterface
    interface ContentWriter<T> {
        void write(XmlWriter writer, T value);
    }

    /** A codec from a content reader and writer. */
    static <T> MessageCodec<T> of(QName element, ContentReader<T> reader, ContentWriter<T> writer) {
        return new MessageCodec<>() {
            @Override
            public QName element() {
                return element;
            }

            @Override
            public T read(ElementReader body) throws SoapFaultException {
                return reader.read(body);
            }

            @Override
            public void write(XmlWriter out, T value) {
                out.start(element);
                writer.write(out, value);
                out.end();
            }
        };
    }

    /** The codec of a message without content. */
    static <T> MessageCodec<T> empty(QName element, T instance) {
        return new MessageCodec<>() {
            @Override
            public QName element() {
                return element;
            }

            @Override
            public T read(ElementReader body) {
                return instance;
            }

            @Override
            public void write(XmlWriter writer, T value) {
                writer.empty(element);
            }
        };
    }
}
