package dev.onvifcloud.security.csr;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds certification requests that our own {@code create} would refuse to, for negative tests. */
final class CraftedRequests {

    static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private CraftedRequests() {
    }

    /** A request signed by Bouncy Castle's builder with any key and algorithm, on the given provider if any. */
    static byte[] signed(KeyPair keyPair, String signatureAlgorithm, String subject, Provider provider)
            throws Exception {
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder(signatureAlgorithm);
        if (provider != null) {
            signer.setProvider(provider);
        }
        return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), keyPair.getPublic())
                .build(signer.build(keyPair.getPrivate()))
                .getEncoded();
    }

    static byte[] signed(KeyPair keyPair, String signatureAlgorithm) throws Exception {
        return signed(keyPair, signatureAlgorithm, "CN=crafted", null);
    }

    /** A CertificationRequestInfo: version, subject CN=crafted, the key, empty attributes. */
    static ASN1Encodable info(int version, SubjectPublicKeyInfo key) {
        ASN1EncodableVector info = new ASN1EncodableVector();
        info.add(new ASN1Integer(version));
        info.add(new X500Name("CN=crafted"));
        info.add(key);
        info.add(new DERTaggedObject(false, 0, new DERSet()));
        return new DERSequence(info);
    }

    /** The three parts of a CertificationRequest put together, as DER. */
    static byte[] assemble(ASN1Encodable info, AlgorithmIdentifier algorithm, ASN1BitString signature)
            throws IOException {
        return new DERSequence(new ASN1Encodable[] {info, algorithm, signature}).getEncoded(ASN1Encoding.DER);
    }

    /** A request for {@code key} whose signature is junk: for checks that come before signature verification. */
    static byte[] unsigned(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm) throws IOException {
        return assemble(info(0, key), algorithm, new DERBitString(new byte[64]));
    }

    /** Signs the DER of {@code info} with {@code key}, properly. */
    static DERBitString signature(ASN1Encodable info, PrivateKey key, String algorithm) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(info.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        return new DERBitString(signature.sign());
    }

    /** The same request with another outer signature algorithm identifier (which the signature does not cover). */
    static byte[] withSignatureAlgorithm(byte[] der, AlgorithmIdentifier algorithm) throws IOException {
        org.bouncycastle.asn1.pkcs.CertificationRequest request =
                org.bouncycastle.asn1.pkcs.CertificationRequest.getInstance(der);
        return assemble(request.getCertificationRequestInfo(), algorithm, request.getSignature());
    }

    /** The index of the first occurrence of {@code needle} in {@code haystack}. */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
