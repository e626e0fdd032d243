package dev.onvifcloud.security.csr;

import static dev.onvifcloud.security.csr.CraftedRequests.ECDSA_SHA256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CertificationRequestTest {

    static final KeyPair EC_KEY = KeyAlgorithm.EC_P256.generate();
    static final KeyPair RSA_KEY = KeyAlgorithm.RSA_2048.generate();

    static Reason rejection(Executable parse) {
        CertificationRequestRejectedException rejected =
                catchThrowableOfType(CertificationRequestRejectedException.class, parse::execute);
        assertThat(rejected).as("rejection").isNotNull();
        return rejected.reason();
    }

    static Reason rejection(byte[] der) {
        return rejection(() -> CertificationRequest.parse(der));
    }

    static Reason rejection(String text) {
        return rejection(() -> CertificationRequest.parse(text));
    }

    // ------------------------------------------------------------------------------------------ round trips

    @Test
    void created_ec_p256_request_parses_back_from_base64_der() throws Exception {
        CertificationRequest created = CertificationRequest.create(EC_KEY, "CN=camera-42");

        CertificationRequest parsed = CertificationRequest.parse(created.toBase64Der());

        assertThat(parsed).isEqualTo(created).hasSameHashCodeAs(created);
        assertThat(parsed.subject().getName()).isEqualTo("CN=camera-42");
        assertThat(parsed.keyType()).isEqualTo(KeyType.EC_P256);
        assertThat(parsed.keyType()).hasToString("EC P-256");
        assertThat(parsed.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(parsed.publicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(parsed.publicKey().getEncoded()).isEqualTo(EC_KEY.getPublic().getEncoded());
    }

    @Test
    void created_rsa_2048_request_parses_back_from_pem() throws Exception {
        CertificationRequest created = CertificationRequest.create(RSA_KEY, "CN=camera-42,O=Acme Cameras");

        CertificationRequest parsed = CertificationRequest.parse(created.toPem());

        assertThat(parsed).isEqualTo(created);
        assertThat(parsed.subject().getName()).isEqualTo("CN=camera-42,O=Acme Cameras");
        assertThat(parsed.keyType()).isEqualTo(KeyType.rsa(2048));
        assertThat(parsed.keyType()).hasToString("RSA 2048");
        assertThat(parsed.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(parsed.publicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(parsed.publicKey().getEncoded()).isEqualTo(RSA_KEY.getPublic().getEncoded());
    }

    @Test
    void p384_and_p521_keys_are_signed_with_a_matching_hash() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));

        CertificationRequest p384 = CertificationRequest.create(KeyAlgorithm.EC_P384.generate(), "CN=a");
        CertificationRequest p521 = CertificationRequest.create(generator.generateKeyPair(), "CN=b");

        assertThat(p384.keyType()).hasToString("EC P-384");
        assertThat(p384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(p521.keyType()).hasToString("EC P-521");
        assertThat(p521.signatureAlgorithm()).isEqualTo("SHA512withECDSA");
        assertThat(CertificationRequest.parse(p521.der())).isEqualTo(p521);
    }

    @Test
    void accepts_other_sha2_signatures_and_rsa_signature_parameters_left_out() throws Exception {
        CertificationRequest ecdsaSha512 =
                CertificationRequest.parse(CraftedRequests.signed(EC_KEY, "SHA512withECDSA"));
        CertificationRequest rsaSha384 = CertificationRequest.parse(CraftedRequests.signed(RSA_KEY, "SHA384withRSA"));
        byte[] withoutNull = CraftedRequests.withSignatureAlgorithm(CraftedRequests.signed(RSA_KEY, "SHA256withRSA"),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption));

        assertThat(ecdsaSha512.signatureAlgorithm()).isEqualTo("SHA512withECDSA");
        assertThat(rsaSha384.signatureAlgorithm()).isEqualTo("SHA384withRSA");
        assertThat(CertificationRequest.parse(withoutNull).signatureAlgorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void parses_pem_with_either_label_crlf_line_ends_and_surrounding_whitespace() throws Exception {
        CertificationRequest request = CertificationRequest.create(EC_KEY, "CN=camera-42");
        String pem = request.toPem();

        assertThat(CertificationRequest.parse("\r\n  " + pem.replace("\n", "\r\n") + "\t\n")).isEqualTo(request);
        assertThat(CertificationRequest.parse(pem.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")))
                .isEqualTo(request);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n")
                .endsWith("\n-----END CERTIFICATE REQUEST-----\n");
        assertThat(pem.lines().filter(line -> !line.startsWith("-----")).allMatch(line -> line.length() <= 64))
                .isTrue();
    }

    @Test
    void parses_base64_broken_into_lines_with_spaces_and_tabs() throws Exception {
        CertificationRequest request = CertificationRequest.create(EC_KEY, "CN=camera-42");
        String mime = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(request.der());

        assertThat(CertificationRequest.parse(" " + mime.replace("\r\n", "\n \t") + "\n")).isEqualTo(request);
        assertThat(request.toBase64Der()).doesNotContain("\n", "\r", " ");
    }

    @Test
    void der_is_a_defensive_copy() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();
        CertificationRequest request = CertificationRequest.parse(der);
        byte[] original = request.der();

        der[der.length - 1] ^= 1;
        request.der()[0] = 0;

        assertThat(request.der()).isEqualTo(original);
    }

    @Test
    void jwk_and_thumbprint_describe_the_public_key() throws Exception {
        CertificationRequest ec = CertificationRequest.create(EC_KEY, "CN=camera-42");
        CertificationRequest rsa = CertificationRequest.create(RSA_KEY, "CN=camera-42");

        assertThat(ec.jwk()).isInstanceOf(ECKey.class);
        assertThat(ec.jwk().isPrivate()).isFalse();
        assertThat(((ECKey) ec.jwk()).toECPublicKey()).isEqualTo(EC_KEY.getPublic());
        assertThat(rsa.jwk()).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) rsa.jwk()).toRSAPublicKey()).isEqualTo(RSA_KEY.getPublic());
        // Our RFC 7638 code against Nimbus's.
        assertThat(ec.thumbprint()).isEqualTo(ec.jwk().computeThumbprint().toString());
        assertThat(rsa.thumbprint()).isEqualTo(rsa.jwk().computeThumbprint().toString());
        assertThat(ec.toString()).contains("EC P-256", ec.thumbprint());
    }

    @Test
    void create_refuses_weak_keys_mismatched_key_pairs_and_bad_subjects() throws Exception {
        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);
        KeyPair mismatched = new KeyPair(EC_KEY.getPublic(), KeyAlgorithm.EC_P256.generate().getPrivate());

        assertThatThrownBy(() -> CertificationRequest.create(rsa1024.generateKeyPair(), "CN=a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasCauseInstanceOf(CertificationRequestRejectedException.class);
        assertThatThrownBy(() -> CertificationRequest.create(mismatched, "CN=a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificationRequest.create(EC_KEY, "not a name"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ signature

    @Test
    void rejects_a_flipped_signature_byte_as_bad_signature() throws Exception {
        for (KeyPair keyPair : new KeyPair[] {EC_KEY, RSA_KEY}) {
            byte[] der = CertificationRequest.create(keyPair, "CN=camera-42").der();
            der[der.length - 1] ^= 0x01;

            assertThat(rejection(der)).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void rejects_a_tampered_subject_as_bad_signature() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();
        int at = CraftedRequests.indexOf(der, "camera-42".getBytes(StandardCharsets.US_ASCII));
        der[at + 8] = '3';

        assertThat(rejection(der)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_request_signed_by_another_key_as_bad_signature() throws Exception {
        KeyPair someoneElses = new KeyPair(EC_KEY.getPublic(), KeyAlgorithm.EC_P256.generate().getPrivate());

        assertThat(rejection(CraftedRequests.signed(someoneElses, "SHA256withECDSA"))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    // ------------------------------------------------------------------------------------------ malformed

    @Test
    void rejects_garbage_truncated_and_empty_input_as_malformed() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();

        assertThat(rejection(new byte[0])).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(" \r\n\t")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("not base64 at all!")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(Arrays.copyOf(der, der.length - 1))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(Arrays.copyOf(der, der.length / 2))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(Base64.getEncoder().encodeToString(Arrays.copyOf(der, 40)))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_der_that_is_not_a_certification_request_as_malformed() throws Exception {
        byte[] certificate = dev.onvifcloud.security.pki.DevelopmentPki.generate(java.time.Clock.systemUTC())
                .localCaCertificate().getEncoded();
        byte[] emptySequence = {0x30, 0x00};
        byte[] integer = {0x02, 0x01, 0x05};

        assertThat(rejection(certificate)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(emptySequence)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(integer)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_bytes_after_the_request_as_malformed() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();

        assertThat(rejection(Arrays.copyOf(der, der.length + 1))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(concat(der, new byte[] {0x05, 0x00}))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_ber_that_is_not_der_as_malformed() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();
        // The outer SEQUENCE with an indefinite length: same content, same signature, another encoding.
        int headerLength = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
        byte[] ber = concat(new byte[] {0x30, (byte) 0x80},
                Arrays.copyOfRange(der, headerLength, der.length), new byte[] {0x00, 0x00});

        assertThat(rejection(ber)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_a_version_other_than_1_as_malformed() throws Exception {
        ASN1Encodable info = CraftedRequests.info(1,
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded()));
        byte[] der = CraftedRequests.assemble(info, ECDSA_SHA256,
                CraftedRequests.signature(info, EC_KEY.getPrivate(), "SHA256withECDSA"));

        assertThat(rejection(der)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_extra_elements_as_malformed() throws Exception {
        org.bouncycastle.asn1.pkcs.CertificationRequest request = org.bouncycastle.asn1.pkcs.CertificationRequest
                .getInstance(CertificationRequest.create(EC_KEY, "CN=camera-42").der());
        byte[] fourParts = new DERSequence(new ASN1Encodable[] {request.getCertificationRequestInfo(),
                request.getSignatureAlgorithm(), request.getSignature(), new ASN1Integer(1)}).getEncoded();
        ASN1EncodableVector longInfo = new ASN1EncodableVector();
        for (ASN1Encodable part : org.bouncycastle.asn1.ASN1Sequence.getInstance(
                request.getCertificationRequestInfo())) {
            longInfo.add(part);
        }
        longInfo.add(new ASN1Integer(1));
        DERSequence info = new DERSequence(longInfo);
        byte[] fiveInfoParts = CraftedRequests.assemble(info, ECDSA_SHA256,
                CraftedRequests.signature(info, EC_KEY.getPrivate(), "SHA256withECDSA"));

        assertThat(rejection(fourParts)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(fiveInfoParts)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_a_signature_bit_string_with_unused_bits_as_malformed() throws Exception {
        org.bouncycastle.asn1.pkcs.CertificationRequest request = org.bouncycastle.asn1.pkcs.CertificationRequest
                .getInstance(CertificationRequest.create(EC_KEY, "CN=camera-42").der());
        byte[] signature = request.getSignature().getBytes();
        signature[signature.length - 1] &= (byte) 0xfe;

        byte[] der = CraftedRequests.assemble(request.getCertificationRequestInfo(), request.getSignatureAlgorithm(),
                new DERBitString(signature, 1));

        assertThat(rejection(der)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_signature_algorithm_parameters_where_none_belong_as_malformed() throws Exception {
        byte[] ecdsaWithNull = CraftedRequests.withSignatureAlgorithm(CertificationRequest.create(EC_KEY, "CN=a").der(),
                new AlgorithmIdentifier(ECDSA_SHA256.getAlgorithm(), DERNull.INSTANCE));
        byte[] rsaWithInteger = CraftedRequests.withSignatureAlgorithm(
                CertificationRequest.create(RSA_KEY, "CN=a").der(),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, new ASN1Integer(1)));

        assertThat(rejection(ecdsaWithNull)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(rsaWithInteger)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_deeply_nested_der_as_malformed() throws Exception {
        byte[] nested = new byte[0];
        for (int depth = 0; depth < 4000; depth++) {
            nested = concat(new byte[] {0x30, (byte) 0x82, (byte) (nested.length >> 8), (byte) nested.length},
                    nested);
            if (nested.length > 16_000) {
                break;
            }
        }

        assertThat(rejection(nested)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_pem_with_another_label_mismatched_labels_or_surrounding_text_as_malformed() throws Exception {
        String pem = CertificationRequest.create(EC_KEY, "CN=camera-42").toPem();

        assertThat(rejection(pem.replace("CERTIFICATE REQUEST", "CERTIFICATE"))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(pem.replace("END CERTIFICATE REQUEST", "END NEW CERTIFICATE REQUEST")))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(pem.replace("-----END CERTIFICATE REQUEST-----", ""))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(pem + pem)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection("Certificate Request:\n" + pem)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(pem + "trailer")).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(pem.replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n")))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_base64url_unpadded_or_odd_whitespace_as_malformed() throws Exception {
        CertificationRequest request = CertificationRequest.create(EC_KEY, "CN=camera-42");
        String base64 = request.toBase64Der();
        CertificationRequest padded = requestWithPadding();
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(padded.der());
        // Where the standard alphabet has '+' or '/', base64url has '-' or '_'.
        String urlSafeMinus = base64.substring(0, 10) + "-" + base64.substring(11);
        String urlSafeUnderscore = base64.substring(0, 10) + "_" + base64.substring(11);

        assertThat(rejection(urlSafeMinus)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(urlSafeUnderscore)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(unpadded)).isEqualTo(Reason.MALFORMED);
        assertThat(CertificationRequest.parse(padded.toBase64Der())).isEqualTo(padded);
        assertThat(rejection(base64.substring(0, 8) + "\f" + base64.substring(8))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(base64.substring(0, 8) + "\u00a0" + base64.substring(8))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(base64 + "====")).isEqualTo(Reason.MALFORMED);
    }

    // ------------------------------------------------------------------------------------------ size

    @Test
    void rejects_der_over_the_limit_as_too_large_before_decoding() throws Exception {
        byte[] der = CertificationRequest.create(EC_KEY, "CN=camera-42").der();
        byte[] junk = new byte[CertificationRequest.DEFAULT_MAX_SIZE + 1];

        assertThat(rejection(junk)).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(() -> CertificationRequest.parse(der, der.length - 1))).isEqualTo(Reason.TOO_LARGE);
        assertThat(CertificationRequest.parse(der, der.length).der()).isEqualTo(der);
        assertThat(rejection(new byte[CertificationRequest.DEFAULT_MAX_SIZE])).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejects_text_over_the_limit_as_too_large_before_decoding() throws Exception {
        CertificationRequest request = CertificationRequest.create(EC_KEY, "CN=camera-42");
        String hugeText = "A".repeat(100_000);
        String hugeWhitespace = " ".repeat(100_000);

        assertThat(rejection(hugeText)).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(hugeWhitespace)).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(() -> CertificationRequest.parse(request.toBase64Der(), 100)))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(() -> CertificationRequest.parse(request.toPem(), 100))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(Base64.getEncoder().encodeToString(new byte[CertificationRequest.DEFAULT_MAX_SIZE + 1])))
                .isEqualTo(Reason.TOO_LARGE);
        // Too large is decided before the content is looked at: even garbage is too large rather than malformed.
        assertThat(rejection("A".repeat(4 * (CertificationRequest.DEFAULT_MAX_SIZE / 3 + 1)) + "!"))
                .isEqualTo(Reason.TOO_LARGE);
    }

    /** A request whose DER length is not a multiple of 3, so that its base64 ends with padding. */
    static CertificationRequest requestWithPadding() {
        for (int length = 1; ; length++) {
            CertificationRequest request = CertificationRequest.create(EC_KEY, "CN=" + "x".repeat(length));
            if (request.der().length % 3 != 0) {
                return request;
            }
        }
    }

    @Test
    void size_limits_must_be_positive() {
        assertThatThrownBy(() -> CertificationRequest.parse(new byte[1], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificationRequest.parse("AAAA", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rejection(() -> CertificationRequest.parse("AAAA", Integer.MAX_VALUE))).isEqualTo(Reason.MALFORMED);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}
