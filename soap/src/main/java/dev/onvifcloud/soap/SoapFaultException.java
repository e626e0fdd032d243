package dev.onvifcloud.soap;

import java.util.Objects;

/**
 * A SOAP message that was rejected. Carries the {@link Reason} to branch on and the {@link SoapFault} to send
 * back to the peer; the message names the offending element and never contains a value from the input.
 */
public final class SoapFaultException extends Exception {

    /** Why a message was rejected. */
    public enum Reason {
        /** Not well-formed XML (also: a processing instruction, which SOAP forbids). */
        MALFORMED_XML,
        /** The message has a document type declaration; SOAP forbids DTDs (and so entity tricks). */
        DTD_FORBIDDEN,
        /** The root is not a SOAP 1.2 envelope (a SOAP 1.1 envelope, or another element). */
        VERSION_MISMATCH,
        /** The envelope has no Body, or its children are not Header?, Body. */
        MISSING_BODY,
        /** The Body holds no element, or more than one. */
        MISSING_OPERATION,
        /** The Body's element names no operation this codec knows. */
        UNKNOWN_OPERATION,
        /** A header block marked mustUnderstand that this codec does not understand. */
        NOT_UNDERSTOOD,
        /** A required element or attribute is missing, repeated, or not of its XML Schema type. */
        INVALID_ARGS,
        /** A well-typed value that is not allowed (too long, unknown enumeration value, wrong range...). */
        INVALID_ARG_VAL,
        /** A response whose body is neither the expected response element nor a fault. */
        UNEXPECTED_RESPONSE,
        /** The message, an element's text, the element count or nesting depth is over {@link SoapLimits}. */
        TOO_LARGE
    }

    private final Reason reason;
    private final transient SoapFault fault;

    public SoapFaultException(Reason reason, SoapFault fault) {
        super(reason + ": " + fault.reason());
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fault = fault;
    }

    /** Why the message was rejected. */
    public Reason reason() {
        return reason;
    }

    /** The fault to answer with. */
    public SoapFault fault() {
        return fault;
    }

    static SoapFaultException invalidArgs(String what) {
        return new SoapFaultException(Reason.INVALID_ARGS, SoapFault.sender(what, Ter.INVALID_ARGS));
    }

    static SoapFaultException invalidArgVal(String what) {
        return new SoapFaultException(Reason.INVALID_ARG_VAL, SoapFault.sender(what, Ter.INVALID_ARG_VAL));
    }
}
