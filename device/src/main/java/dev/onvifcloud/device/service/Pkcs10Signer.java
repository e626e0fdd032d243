package dev.onvifcloud.device.service;

import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.security.jose.Ecdsa;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.BasicRequestAttribute;
import dev.onvifcloud.soap.security.CSRAttribute;
import dev.onvifcloud.soap.security.DNAttributeTypeAndValue;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.MultiValuedRDN;
import dev.onvifcloud.soap.security.X509v3Extension;
import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes the PKCS#10 certification request of CreatePKCS10CSR: the tas:DistinguishedName as subject, the CSR
 * attributes (X.509v3 extensions go into one extensionRequest), signed with the key pair and the requested
 * signature algorithm. ECDSA signs with Bouncy Castle ({@link Ecdsa#provider()}, not registered), fastest on the
 * keys {@link SecurityService#generateKeyPair(String)} makes; RSA with the JDK's providers.
 */
public final class Pkcs10Signer {

    private static final Map<String, String> EC_ALGORITHMS = Map.of(
            "1.2.840.10045.4.3.2", "SHA256withECDSA",
            "1.2.840.10045.4.3.3", "SHA384withECDSA",
            "1.2.840.10045.4.3.4", "SHA512withECDSA");
    private static final Map<String, String> RSA_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA");
    private static final Map<DistinguishedName.Name, ASN1ObjectIdentifier> NAMES = Map.ofEntries(
            Map.entry(DistinguishedName.Name.Country, BCStyle.C),
            Map.entry(DistinguishedName.Name.Organization, BCStyle.O),
            Map.entry(DistinguishedName.Name.OrganizationalUnit, BCStyle.OU),
            Map.entry(DistinguishedName.Name.DistinguishedNameQualifier, BCStyle.DN_QUALIFIER),
            Map.entry(DistinguishedName.Name.StateOrProvinceName, BCStyle.ST),
            Map.entry(DistinguishedName.Name.CommonName, BCStyle.CN),
            Map.entry(DistinguishedName.Name.SerialNumber, BCStyle.SERIALNUMBER),
            Map.entry(DistinguishedName.Name.Locality, BCStyle.L),
            Map.entry(DistinguishedName.Name.Title, BCStyle.T),
            Map.entry(DistinguishedName.Name.Surname, BCStyle.SURNAME),
            Map.entry(DistinguishedName.Name.GivenName, BCStyle.GIVENNAME),
            Map.entry(DistinguishedName.Name.Initials, BCStyle.INITIALS),
            Map.entry(DistinguishedName.Name.Pseudonym, BCStyle.PSEUDONYM),
            Map.entry(DistinguishedName.Name.GenerationQualifier, BCStyle.GENERATION));

    private Pkcs10Signer() {
    }

    /** The signature algorithms the device supports, for its capabilities. */
    static List<AlgorithmIdentifier> supportedAlgorithms() {
        List<AlgorithmIdentifier> all = new ArrayList<>();
        EC_ALGORITHMS.keySet().stream().sorted().forEach(oid -> all.add(AlgorithmIdentifier.of(oid)));
        RSA_ALGORITHMS.keySet().stream().sorted().forEach(oid -> all.add(AlgorithmIdentifier.of(oid)));
        return all;
    }

    /**
     * The DER of a certification request for {@code keyPair}, as CreatePKCS10CSR answers it.
     *
     * @throws ServiceFault as CreatePKCS10CSR faults: the algorithm does not fit the key or is not supported, the
     *                      subject or an attribute is invalid, or signing failed
     */
    public static byte[] sign(KeyPair keyPair, DistinguishedName subject, List<CSRAttribute> attributes,
                              AlgorithmIdentifier algorithm) throws ServiceFault {
        String oid = algorithm.algorithm();
        boolean ec = keyPair.getPublic() instanceof ECKey;
        String jca = (ec ? EC_ALGORITHMS : RSA_ALGORITHMS).get(oid);
        if (jca == null) {
            if (EC_ALGORITHMS.containsKey(oid) || RSA_ALGORITHMS.containsKey(oid)) {
                throw ServiceFault.invalidArgVal(Ter.KEY_SIGNATURE_ALGORITHM_MISMATCH,
                        "The signature algorithm does not fit the key");
            }
            throw ServiceFault.invalidArgVal(Ter.UNSUPPORTED_SIGNATURE_ALGORITHM,
                    "The signature algorithm is not supported");
        }
        PKCS10CertificationRequestBuilder builder =
                new JcaPKCS10CertificationRequestBuilder(name(subject), keyPair.getPublic());
        List<Extension> extensions = new ArrayList<>();
        for (CSRAttribute attribute : attributes) {
            try {
                if (attribute instanceof X509v3Extension extension) {
                    extensions.add(new Extension(new ASN1ObjectIdentifier(extension.extnOID()), extension.critical(),
                            extension.extnValue().der()));
                } else if (attribute instanceof BasicRequestAttribute basic) {
                    builder.addAttribute(new ASN1ObjectIdentifier(basic.oid()),
                            ASN1Primitive.fromByteArray(basic.value().der()));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw ServiceFault.invalidArgVal(Ter.INVALID_ATTRIBUTE, "A CSR attribute is invalid");
            }
        }
        if (!extensions.isEmpty()) {
            try {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                        new Extensions(extensions.toArray(Extension[]::new)));
            } catch (IllegalArgumentException e) {
                throw ServiceFault.invalidArgVal(Ter.INVALID_ATTRIBUTE, "The X.509v3 extensions are invalid");
            }
        }
        try {
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(jca);
            if (ec) {
                signer.setProvider(Ecdsa.provider());
            }
            return builder.build(signer.build(keyPair.getPrivate())).getEncoded();
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw ServiceFault.action(Ter.CSR_CREATION_FAILED, "The certification request could not be created");
        }
    }

    private static X500Name name(DistinguishedName subject) throws ServiceFault {
        try {
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
            for (DistinguishedName.Attribute attribute : subject.attributes()) {
                name.addRDN(NAMES.get(attribute.name()), attribute.value());
            }
            for (DNAttributeTypeAndValue generic : subject.genericAttributes()) {
                name.addRDN(new ASN1ObjectIdentifier(generic.type()), new DERUTF8String(generic.value()));
            }
            for (MultiValuedRDN rdn : subject.multiValuedRDNs()) {
                List<AttributeTypeAndValue> values = new ArrayList<>();
                for (DNAttributeTypeAndValue value : rdn.attributes()) {
                    values.add(new AttributeTypeAndValue(new ASN1ObjectIdentifier(value.type()),
                            (ASN1Encodable) new DERUTF8String(value.value())));
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("empty multi-valued RDN");
                }
                name.addMultiValuedRDN(values.toArray(AttributeTypeAndValue[]::new));
            }
            for (String component : subject.domainComponents()) {
                name.addRDN(BCStyle.DC, component);
            }
            return name.build();
        } catch (IllegalArgumentException e) {
            throw ServiceFault.invalidArgVal(Ter.INVALID_SUBJECT, "The subject is invalid");
        }
    }
}
