package dev.onvifcloud.soap;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.namespace.QName;

/**
 * SOAP 1.2 envelope codec for ONVIF operations, on both sides of the uplink.
 *
 * <ul>
 *   <li>A client (cloud) {@linkplain #writeRequest writes requests} and {@linkplain #readResponse reads
 *       responses}, which are either the response record or a {@link SoapFault}.</li>
 *   <li>A device (camera) {@linkplain #readRequest reads requests} into an {@link IncomingRequest} and
 *       {@linkplain #writeResponse writes responses} or {@linkplain #writeFault faults}.</li>
 * </ul>
 *
 * Reading is bounded by {@link SoapLimits}, refuses DTDs and never resolves entities. A message that cannot
 * be read raises {@link SoapFaultException}, whose fault is the answer to send. Header blocks marked
 * {@code mustUnderstand} are accepted only for WS-Addressing and WS-Security (the uplink, not the message,
 * authenticates the peer); any other is answered with {@code env:MustUnderstand}. Immutable and
 * thread-safe.
 */
public final class SoapCodec {

    private static final QName ENVELOPE = new QName(Namespaces.ENV, "Envelope", "env");
    private static final QName HEADER = new QName(Namespaces.ENV, "Header", "env");
    private static final QName BODY = new QName(Namespaces.ENV, "Body", "env");
    private static final QName FAULT = new QName(Namespaces.ENV, "Fault", "env");
    private static final QName CODE = new QName(Namespaces.ENV, "Code", "env");
    private static final QName VALUE = new QName(Namespaces.ENV, "Value", "env");
    private static final QName SUBCODE = new QName(Namespaces.ENV, "Subcode", "env");
    private static final QName REASON = new QName(Namespaces.ENV, "Reason", "env");
    private static final QName TEXT = new QName(Namespaces.ENV, "Text", "env");
    private static final QName DETAIL = new QName(Namespaces.ENV, "Detail", "env");
    private static final QName UPGRADE = new QName(Namespaces.ENV, "Upgrade", "env");
    private static final QName SUPPORTED_ENVELOPE = new QName(Namespaces.ENV, "SupportedEnvelope", "env");
    private static final QName MUST_UNDERSTAND = new QName(Namespaces.ENV, "mustUnderstand", "env");
    private static final QName XML_LANG = new QName(Namespaces.XML, "lang", "xml");
    private static final QName WSA_ACTION = new QName(Namespaces.WSA, "Action", "wsa");
    private static final QName WSA_TO = new QName(Namespaces.WSA, "To", "wsa");
    private static final QName WSA_MESSAGE_ID = new QName(Namespaces.WSA, "MessageID", "wsa");
    private static final QName WSA_RELATES_TO = new QName(Namespaces.WSA, "RelatesTo", "wsa");
    private static final QName WSSE_SECURITY = new QName(Namespaces.WSSE, "Security", "wsse");
    private static final int MAX_SUBCODES = 8;

    private final SoapLimits limits;
    private final Formatting formatting;
    private final XmlTreeReader reader;
    private final Map<QName, Operation<?, ?>> operations;

    /** A codec for the given operations. */
    public SoapCodec(SoapLimits limits, Formatting formatting, Collection<Operation<?, ?>> operations) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.formatting = Objects.requireNonNull(formatting, "formatting");
        this.reader = new XmlTreeReader(limits);
        Map<QName, Operation<?, ?>> index = new HashMap<>();
        for (Operation<?, ?> operation : operations) {
            if (index.put(operation.requestElement(), operation) != null) {
                throw new IllegalArgumentException("Two operations have the request element " + operation);
            }
        }
        this.operations = Map.copyOf(index);
    }

    /** Default limits, compact output, every operation of this module. */
    public static SoapCodec standard() {
        return new SoapCodec(SoapLimits.DEFAULT, Formatting.COMPACT, Operations.all());
    }

    /** The limits applied when reading. */
    public SoapLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- client side

    /** A request envelope without header. */
    public <Q extends SoapRequest> byte[] writeRequest(Operation<Q, ?> operation, Q request) {
        return writeRequest(operation, request, SoapHeaders.none());
    }

    /** A request envelope with WS-Addressing header (for pull points and subscription managers). */
    public <Q extends SoapRequest> byte[] writeRequest(Operation<Q, ?> operation, Q request, SoapHeaders headers) {
        Objects.requireNonNull(request, "request");
        return envelope(headers, writer -> operation.requestCodec().write(writer, request), false);
    }

    /** Reads a device's answer to an operation: the response record or the fault it sent. */
    public <R extends SoapResponse> Reply<R> readResponse(Operation<?, R> operation, byte[] message)
            throws SoapFaultException {
        Envelope envelope = parse(message);
        XmlElement body = envelope.bodyElement;
        if (body.name().equals(FAULT)) {
            return new Reply.Failure<>(readFault(body));
        }
        if (!body.name().equals(operation.responseElement())) {
            throw new SoapFaultException(SoapFaultException.Reason.UNEXPECTED_RESPONSE, SoapFault.sender(
                    "Expected " + ElementReader.display(operation.responseElement()) + " or a fault", Ter.TAG));
        }
        return new Reply.Success<>(readBody(operation.responseCodec(), body));
    }

    // ---------------------------------------------------------------- device side

    /** Reads a request: the envelope, its header and the operation's body. */
    public IncomingRequest readRequest(byte[] message) throws SoapFaultException {
        Envelope envelope = parse(message);
        XmlElement body = envelope.bodyElement;
        Operation<?, ?> operation = operations.get(body.name());
        if (operation == null) {
            throw new SoapFaultException(SoapFaultException.Reason.UNKNOWN_OPERATION,
                    SoapFault.sender("The operation is unknown", Ter.UNKNOWN_ACTION));
        }
        return incoming(operation, body, envelope.headers);
    }

    /** A response envelope. */
    public <R extends SoapResponse> byte[] writeResponse(Operation<?, R> operation, R response) {
        Objects.requireNonNull(response, "response");
        return envelope(SoapHeaders.none(), writer -> operation.responseCodec().write(writer, response), false);
    }

    /** A fault envelope; a VersionMismatch fault carries the {@code env:Upgrade} header SOAP 1.2 asks for. */
    public byte[] writeFault(SoapFault fault) {
        boolean upgrade = fault.code() == SoapFault.Code.VersionMismatch;
        return envelope(SoapHeaders.none(), writer -> writeFaultElement(writer, fault), upgrade);
    }

    /** The operation whose request has this body element. */
    public Optional<Operation<?, ?>> operation(QName requestElement) {
        return Optional.ofNullable(operations.get(requestElement));
    }

    // ---------------------------------------------------------------- envelope

    private record Envelope(SoapHeaders headers, XmlElement bodyElement) {
    }

    private Envelope parse(byte[] message) throws SoapFaultException {
        XmlElement root = reader.read(message);
        if (!root.name().equals(ENVELOPE)) {
            String what = Namespaces.SOAP11_ENV.equals(root.name().getNamespaceURI())
                    ? "SOAP 1.1 is not supported: send a SOAP 1.2 envelope"
                    : "The root element is not a SOAP 1.2 envelope";
            throw new SoapFaultException(SoapFaultException.Reason.VERSION_MISMATCH,
                    new SoapFault(SoapFault.Code.VersionMismatch, List.of(), what, List.of()));
        }
        List<XmlElement> parts = root.children();
        XmlElement header = null;
        XmlElement body = null;
        if (parts.size() == 1 && parts.get(0).name().equals(BODY)) {
            body = parts.get(0);
        } else if (parts.size() == 2 && parts.get(0).name().equals(HEADER) && parts.get(1).name().equals(BODY)) {
            header = parts.get(0);
            body = parts.get(1);
        }
        if (body == null) {
            throw new SoapFaultException(SoapFaultException.Reason.MISSING_BODY,
                    SoapFault.sender("The envelope must hold an optional env:Header and an env:Body", Ter.TAG));
        }
        if (body.children().size() != 1) {
            throw new SoapFaultException(SoapFaultException.Reason.MISSING_OPERATION,
                    SoapFault.sender("The env:Body must hold exactly one element", Ter.TAG));
        }
        SoapHeaders headers = header == null ? SoapHeaders.none() : readHeaders(header);
        return new Envelope(headers, body.children().get(0));
    }

    private SoapHeaders readHeaders(XmlElement header) throws SoapFaultException {
        Optional<String> action = Optional.empty();
        Optional<URI> to = Optional.empty();
        Optional<String> messageId = Optional.empty();
        Optional<String> relatesTo = Optional.empty();
        for (XmlElement block : header.children()) {
            boolean mustUnderstand = block.attribute(MUST_UNDERSTAND)
                    .map(value -> value.strip().equals("true") || value.strip().equals("1")).orElse(false);
            boolean understood = Namespaces.WSA.equals(block.name().getNamespaceURI())
                    || block.name().equals(WSSE_SECURITY);
            if (mustUnderstand && !understood) {
                throw new SoapFaultException(SoapFaultException.Reason.NOT_UNDERSTOOD, new SoapFault(
                        SoapFault.Code.MustUnderstand, List.of(),
                        "Header block " + ElementReader.display(block.name()) + " is not understood", List.of()));
            }
            if (block.name().equals(WSA_ACTION)) {
                action = Optional.of(block.text().strip());
            } else if (block.name().equals(WSA_TO)) {
                to = Optional.of(ElementReader.of(block).value(XsdTypes::parseUri));
            } else if (block.name().equals(WSA_MESSAGE_ID)) {
                messageId = Optional.of(block.text().strip());
            } else if (block.name().equals(WSA_RELATES_TO)) {
                relatesTo = Optional.of(block.text().strip());
            }
        }
        return new SoapHeaders(action, to, messageId, relatesTo, header.children());
    }

    private byte[] envelope(SoapHeaders headers, Consumer<XmlWriter> body, boolean upgrade) {
        XmlWriter writer = new XmlWriter(formatting);
        writer.start(ENVELOPE);
        if (upgrade) {
            writer.start(HEADER).start(UPGRADE).start(SUPPORTED_ENVELOPE)
                    .attribute("qname", writer.qnameText(ENVELOPE)).end().end().end();
        } else if (!headers.isEmpty()) {
            writer.start(HEADER);
            headers.action().ifPresent(value -> writer.element(WSA_ACTION, value));
            headers.messageId().ifPresent(value -> writer.element(WSA_MESSAGE_ID, value));
            headers.relatesTo().ifPresent(value -> writer.element(WSA_RELATES_TO, value));
            headers.to().ifPresent(value -> writer.element(WSA_TO, value.toString()));
            writer.end();
        }
        writer.start(BODY);
        body.accept(writer);
        writer.end().end();
        return writer.finish();
    }

    // ---------------------------------------------------------------- bodies

    private <T extends SoapRequest> IncomingRequest incoming(Operation<T, ?> operation, XmlElement body,
                                                             SoapHeaders headers) throws SoapFaultException {
        return new IncomingRequest(operation, readBody(operation.requestCodec(), body), headers);
    }

    private static <T> T readBody(MessageCodec<T> codec, XmlElement body) throws SoapFaultException {
        ElementReader reader = ElementReader.of(body);
        try {
            return codec.read(reader);
        } catch (XsdTypes.TypeMismatch e) {
            throw SoapFaultException.invalidArgs("In " + ElementReader.display(body.name()) + ": " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw SoapFaultException.invalidArgVal(
                    "In " + ElementReader.display(body.name()) + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- faults

    private static void writeFaultElement(XmlWriter writer, SoapFault fault) {
        writer.start(FAULT);
        for (QName subcode : fault.subcodes()) {
            writer.prefixFor(subcode.getNamespaceURI());
        }
        writer.start(CODE).element(VALUE, writer.qnameText(fault.code().qname()));
        for (QName subcode : fault.subcodes()) {
            writer.start(SUBCODE).element(VALUE, writer.qnameText(subcode));
        }
        for (int i = 0; i < fault.subcodes().size(); i++) {
            writer.end();
        }
        writer.end();
        writer.start(REASON).start(TEXT).attribute(XML_LANG, "en").text(fault.reason()).end().end();
        if (!fault.detail().isEmpty()) {
            writer.start(DETAIL);
            fault.detail().forEach(writer::write);
            writer.end();
        }
        writer.end();
    }

    private static SoapFault readFault(XmlElement element) throws SoapFaultException {
        ElementReader fault = ElementReader.of(element);
        ElementReader code = fault.required(CODE);
        ElementReader value = code.required(VALUE);
        QName codeName = resolve(value);
        SoapFault.Code topLevel = null;
        for (SoapFault.Code candidate : SoapFault.Code.values()) {
            if (candidate.qname().equals(codeName)) {
                topLevel = candidate;
            }
        }
        if (topLevel == null) {
            throw SoapFaultException.invalidArgs("env:Code holds no SOAP 1.2 fault code");
        }
        List<QName> subcodes = new ArrayList<>();
        Optional<ElementReader> subcode = code.optional(SUBCODE);
        while (subcode.isPresent()) {
            if (subcodes.size() == MAX_SUBCODES) {
                throw SoapFaultException.invalidArgs("Too many nested env:Subcode");
            }
            QName name = resolve(subcode.get().required(VALUE));
            if (name.getNamespaceURI().isEmpty()) {
                throw SoapFaultException.invalidArgs("A fault subcode is not namespace-qualified");
            }
            subcodes.add(name);
            subcode = subcode.get().optional(SUBCODE);
        }
        List<ElementReader> texts = fault.required(REASON).atLeastOne(TEXT);
        String reason = texts.get(0).text();
        for (ElementReader text : texts) {
            if (text.element().attribute(XML_LANG).map(lang -> lang.startsWith("en")).orElse(false)) {
                reason = text.text();
                break;
            }
        }
        if (reason.isBlank()) {
            reason = "(no reason given)";
        }
        List<XmlElement> detail = fault.optional(DETAIL).map(d -> d.element().children()).orElse(List.of());
        return new SoapFault(topLevel, subcodes, reason, detail);
    }

    private static QName resolve(ElementReader value) throws SoapFaultException {
        return value.element().resolve(value.text()).orElseThrow(() ->
                SoapFaultException.invalidArgs("env:Value is not a QName with a declared prefix"));
    }
}
