package dev.onvifcloud.security.pki;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Reads a camera's identity from its birth certificate subject ({@code O=manufacturer, CN=model,
 * SERIALNUMBER=serial}, as {@link DevelopmentPki#issueBirthCertificate} writes it). Each read returns empty unless
 * the subject holds exactly one single-valued attribute of that type with a string value. This reads names only: it
 * does not validate the certificate, which is the job of path validation against the manufacturer CA.
 */
public final class BirthCertificate {

    private BirthCertificate() {
    }

    /** The device's serial number: the subject's serialNumber attribute (OID 2.5.4.5). */
    public static Optional<String> serialNumber(X509Certificate certificate) {
        return attribute(certificate, BCStyle.SERIALNUMBER);
    }

    /** The manufacturer: the subject's organizationName attribute (OID 2.5.4.10). */
    public static Optional<String> manufacturer(X509Certificate certificate) {
        return attribute(certificate, BCStyle.O);
    }

    /** The model: the subject's commonName attribute (OID 2.5.4.3). */
    public static Optional<String> model(X509Certificate certificate) {
        return attribute(certificate, BCStyle.CN);
    }

    private static Optional<String> attribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(type);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String string ? Optional.of(string.getString()) : Optional.empty();
    }
}
