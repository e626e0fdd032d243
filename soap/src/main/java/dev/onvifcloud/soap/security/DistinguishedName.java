package dev.onvifcloud.soap.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * tas:DistinguishedName: the subject of a certification request. The named attributes are kept in the
 * order of the schema's sequence (Country, Organization, ..., GenerationQualifier), each kind in the order
 * given; then generic (OID) attributes, multi-valued RDNs and domain components.
 */
public record DistinguishedName(List<Attribute> attributes, List<DNAttributeTypeAndValue> genericAttributes,
                                List<MultiValuedRDN> multiValuedRDNs, List<String> domainComponents) {

    /** The named attributes of tas:DistinguishedName, in schema order; the constant names are the element names. */
    public enum Name {
        Country, Organization, OrganizationalUnit, DistinguishedNameQualifier, StateOrProvinceName, CommonName,
        SerialNumber, Locality, Title, Surname, GivenName, Initials, Pseudonym, GenerationQualifier
    }

    /** One named attribute. */
    public record Attribute(Name name, String value) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public DistinguishedName {
        List<Attribute> sorted = new ArrayList<>(attributes);
        sorted.sort(Comparator.comparing(Attribute::name));
        attributes = List.copyOf(sorted);
        genericAttributes = List.copyOf(genericAttributes);
        multiValuedRDNs = List.copyOf(multiValuedRDNs);
        domainComponents = List.copyOf(domainComponents);
        if (attributes.isEmpty() && genericAttributes.isEmpty() && multiValuedRDNs.isEmpty()
                && domainComponents.isEmpty()) {
            throw new IllegalArgumentException("A distinguished name needs at least one attribute");
        }
    }

    /** A name made of named attributes only. */
    public static DistinguishedName of(Attribute... attributes) {
        return new DistinguishedName(List.of(attributes), List.of(), List.of(), List.of());
    }

    /** {@code CN=commonName}. */
    public static DistinguishedName commonName(String commonName) {
        return of(new Attribute(Name.CommonName, commonName));
    }
}
