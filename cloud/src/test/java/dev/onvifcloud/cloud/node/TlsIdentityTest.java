package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.cloud.node.PrivateCa.Leaf;
import dev.onvifcloud.cloud.node.PrivateCa.LeafSpec;
import dev.onvifcloud.cloud.node.TlsIdentityRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsIdentityTest {

    private static final PrivateCa CA = PrivateCa.create("Example");
    private static final PrivateCa OTHER = PrivateCa.create("Other");
    private static final Leaf SERVER = CA.server("mcs");

    @Test
    void accepts_a_chain_without_its_root_anchored_in_the_root() {
        TlsIdentity identity = new TlsIdentity(SERVER.privateKey(), SERVER.chain(), CA.root);

        assertThatCode(() -> identity.check("localhost", Instant.now())).doesNotThrowAnyException();
        assertThatCode(() -> identity.check("127.0.0.1", Instant.now())).doesNotThrowAnyException();
        assertThat(identity.certificate()).isEqualTo(SERVER.certificate());
    }

    @Test
    void takes_a_self_signed_last_certificate_as_the_anchor() {
        TlsIdentity identity = TlsIdentity.anchoredInChain(SERVER.privateKey(),
                List.of(SERVER.certificate(), CA.intermediate, CA.root));

        assertThat(identity.trustAnchor()).isEqualTo(CA.root);
        assertThat(TlsIdentity.isSelfSigned(CA.root)).isTrue();
        assertThat(TlsIdentity.isSelfSigned(CA.intermediate)).isFalse();
    }

    @Test
    void requires_an_anchor_when_the_last_certificate_is_not_self_signed() {
        assertThat(reason(() -> TlsIdentity.anchoredInChain(SERVER.privateKey(), SERVER.chain())))
                .isEqualTo(Reason.ANCHOR_REQUIRED);
    }

    @Test
    void refuses_a_key_that_is_not_the_leafs() {
        Leaf another = CA.server("another");

        assertThat(reason(() -> new TlsIdentity(another.privateKey(), SERVER.chain(), CA.root)))
                .isEqualTo(Reason.KEY_MISMATCH);
    }

    @Test
    void refuses_a_key_of_another_algorithm_than_the_leafs() {
        assertThat(reason(() -> new TlsIdentity(PrivateCa.keyPair("RSA").getPrivate(), SERVER.chain(), CA.root)))
                .isEqualTo(Reason.KEY_MISMATCH);
    }

    @Test
    void refuses_a_chain_out_of_order() {
        assertThat(reason(() -> new TlsIdentity(SERVER.privateKey(),
                List.of(SERVER.certificate(), CA.root, CA.intermediate), CA.root)))
                .isEqualTo(Reason.CHAIN_OUT_OF_ORDER);
        assertThat(reason(() -> new TlsIdentity(SERVER.privateKey(), List.of(SERVER.certificate(), CA.root), CA.root)))
                .isEqualTo(Reason.CHAIN_OUT_OF_ORDER);
    }

    @Test
    void refuses_an_anchor_that_neither_ends_nor_issued_the_chain() {
        assertThat(reason(() -> new TlsIdentity(SERVER.privateKey(), SERVER.chain(), OTHER.root)))
                .isEqualTo(Reason.ANCHOR_UNRELATED);
        // The leaf alone, anchored in the root: the intermediate between them is missing.
        assertThat(reason(() -> new TlsIdentity(SERVER.privateKey(), List.of(SERVER.certificate()), CA.root)))
                .isEqualTo(Reason.ANCHOR_UNRELATED);
    }

    @Test
    void accepts_the_intermediate_as_anchor_of_the_leaf_alone() {
        assertThatCode(() -> new TlsIdentity(SERVER.privateKey(), List.of(SERVER.certificate()), CA.intermediate))
                .doesNotThrowAnyException();
    }

    @Test
    void refuses_an_expired_leaf() {
        Instant now = Instant.now();
        Leaf expired = CA.leaf("old", LeafSpec.server().validity(now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1))));
        TlsIdentity identity = CA.identity(expired);

        assertThat(reason(() -> identity.check("localhost", now))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void refuses_a_leaf_not_valid_yet() {
        Instant now = Instant.now();
        Leaf future = CA.leaf("new", LeafSpec.server().validity(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30))));
        TlsIdentity identity = CA.identity(future);

        assertThat(reason(() -> identity.check("localhost", now))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void refuses_an_expired_intermediate() {
        TlsIdentity identity = CA.identity(SERVER);

        assertThat(reason(() -> identity.check("localhost", CA.intermediate.getNotAfter().toInstant()
                .plusSeconds(1)))).isEqualTo(Reason.EXPIRED);
    }

    @ParameterizedTest(name = "{0} with subjectAltNames [{1}] [{2}]: {3}")
    @CsvSource(delimiter = ';', value = {
        "mcs.example.com; mcs.example.com; ; true",
        "MCS.Example.com.; mcs.example.com; ; true",
        "mcs.example.com; *.example.com; ; true",
        "a.mcs.example.com; *.example.com; ; false",
        "example.com; *.example.com; ; false",
        "ocs.example.com; mcs.example.com; ; false",
        "localhost; ; 127.0.0.1; false",
        "10.0.0.7; ; 10.0.0.7; true",
        "10.0.0.7; 10.0.0.7; ; false",
        "10.0.0.8; ; 10.0.0.7; false",
        "[::1]; ; ::1; true",
        "2001:db8::1; ; 2001:db8:0:0:0:0:0:1; true",
        "mcs.example.com; ; ; false"})
    void the_leaf_must_name_the_public_host(String publicHost, String dns, String ip, boolean covered) {
        Leaf leaf = CA.leaf("named", LeafSpec.server().names(dns == null ? List.of() : List.of(dns),
                ip == null ? List.of() : List.of(ip)));
        TlsIdentity identity = CA.identity(leaf);

        if (covered) {
            assertThatCode(() -> identity.check(publicHost, Instant.now())).doesNotThrowAnyException();
        } else {
            assertThat(reason(() -> identity.check(publicHost, Instant.now()))).isEqualTo(Reason.HOST_NOT_COVERED);
        }
    }

    @Test
    void refuses_a_leaf_whose_extended_key_usage_lacks_server_auth() {
        Leaf client = CA.leaf("client", LeafSpec.server()
                .extendedKeyUsage(Optional.of(List.of(KeyPurposeId.id_kp_clientAuth))));

        assertThat(reason(() -> CA.identity(client))).isEqualTo(Reason.NOT_FOR_SERVER_AUTH);
    }

    @Test
    void accepts_a_leaf_without_extended_key_usage_or_with_any_usage() {
        Leaf none = CA.leaf("none", LeafSpec.server().extendedKeyUsage(Optional.empty()));
        Leaf any = CA.leaf("any", LeafSpec.server()
                .extendedKeyUsage(Optional.of(List.of(KeyPurposeId.anyExtendedKeyUsage))));

        assertThatCode(() -> CA.identity(none)).doesNotThrowAnyException();
        assertThatCode(() -> CA.identity(any)).doesNotThrowAnyException();
    }

    @Test
    void accepts_an_rsa_identity() {
        Leaf rsa = CA.leaf("rsa", LeafSpec.server().keyAlgorithm("RSA"));

        assertThatCode(() -> CA.identity(rsa).check("localhost", Instant.now())).doesNotThrowAnyException();
    }

    @Test
    void messages_name_the_certificate_and_what_to_do() {
        TlsIdentityRejectedException refused = catchThrowableOfType(TlsIdentityRejectedException.class,
                () -> CA.identity(SERVER).check("cloud.example", Instant.now()));

        assertThat(refused.getMessage()).contains("CN=mcs", "cloud.example", "localhost", "127.0.0.1");
    }

    private static Reason reason(Runnable action) {
        TlsIdentityRejectedException refused = catchThrowableOfType(TlsIdentityRejectedException.class, action::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.reason();
    }
}
