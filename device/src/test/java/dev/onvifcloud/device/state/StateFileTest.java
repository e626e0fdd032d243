package dev.onvifcloud.device.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.device.service.Pkcs10Signer;
import dev.onvifcloud.device.service.SecurityService;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.KeyID;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileTest {

    private static final KeyID KEY = new KeyID("key-1");

    @TempDir
    Path directory;

    private static DeviceState withKey(KeyPair pair) {
        return DeviceState.empty().withKey(StoredKey.keyPair(KEY, Optional.of("ocs"), pair));
    }

    private static KeyPair generated(String curve) {
        try {
            return SecurityService.generateKeyPair(curve);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair reloaded(Path directory) {
        return new StateFile(directory).load().orElseThrow().key(KEY).orElseThrow().keyPair().orElseThrow();
    }

    private void assumePosix() {
        assumeThat(directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
    }

    // ------------------------------------------------------------------------------------------ durability

    @Test
    void saves_into_a_directory_that_does_not_exist_yet() {
        Path fresh = directory.resolve("cameras").resolve("SN0001");
        DeviceState state = DeviceState.empty().newId("key-").getValue();
        new StateFile(fresh).save(state);
        assertThat(new StateFile(fresh).load()).contains(state);
    }

    @Test
    void saves_again_after_the_directory_was_removed() throws Exception {
        Path camera = directory.resolve("SN0001");
        StateFile file = new StateFile(camera);
        file.save(DeviceState.empty());
        Files.delete(file.path());
        Files.delete(camera);
        DeviceState next = DeviceState.empty().newId("key-").getValue();
        file.save(next);
        assertThat(new StateFile(camera).load()).contains(next);
    }

    @Test
    void every_save_is_on_disk_when_it_returns_and_leaves_no_temporary_file() {
        StateFile file = new StateFile(directory);
        DeviceState state = DeviceState.empty();
        for (int i = 0; i < 5; i++) {
            state = state.newId("key-").getValue();
            file.save(state);
            assertThat(new StateFile(directory).load()).contains(state);
        }
        assertThat(directory.resolve(StateFile.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void the_file_is_owner_only() throws Exception {
        assumePosix();
        new StateFile(directory).save(DeviceState.empty());
        assertThat(Files.getPosixFilePermissions(directory.resolve(StateFile.FILE_NAME)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void a_save_cut_before_its_rename_leaves_the_old_state_and_the_next_save_replaces_it() throws Exception {
        DeviceState old = DeviceState.empty().newId("key-").getValue();
        new StateFile(directory).save(old);
        // what a crash in the middle of writing leaves: half a temporary file, readable by all
        Path temporary = directory.resolve(StateFile.FILE_NAME + ".tmp");
        Files.writeString(temporary, "{\"format\":1,\"nextId\":", StandardCharsets.UTF_8);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        }

        StateFile restarted = new StateFile(directory);
        assertThat(restarted.load()).contains(old);
        DeviceState next = old.newId("key-").getValue();
        restarted.save(next);

        assertThat(new StateFile(directory).load()).contains(next);
        assertThat(temporary).doesNotExist();
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the leftover was not reused: its permissions would have become the state file's
            assertThat(Files.getPosixFilePermissions(directory.resolve(StateFile.FILE_NAME)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    // ------------------------------------------------------------------------------------------ keys

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void a_generated_key_saved_and_loaded_back_is_the_same_key_pair(String curve) {
        KeyPair pair = generated(curve);
        new StateFile(directory).save(withKey(pair));

        KeyPair loaded = reloaded(directory);
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(new StateFile(directory).load().orElseThrow().key(KEY).orElseThrow()
                .hasPublicKey(jdk(pair.getPublic()))).isTrue();
    }

    @Test
    void a_generated_key_loaded_back_signs_a_csr_the_security_module_and_the_jdk_accept() throws Exception {
        KeyPair pair = generated("secp256r1");
        new StateFile(directory).save(withKey(pair));

        byte[] der = Pkcs10Signer.sign(reloaded(directory), DistinguishedName.commonName("SN0001"), List.of(),
                AlgorithmIdentifier.ECDSA_WITH_SHA256);

        CertificationRequest csr = CertificationRequest.parse(der);
        assertThat(csr.subject().getName()).isEqualTo("CN=SN0001");
        assertThat(csr.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(verifiesWithSunEc(der, "SHA256withECDSA", pair.getPublic())).isTrue();
    }

    @Test
    void a_generated_key_loaded_back_signs_client_assertions_the_jdk_verifies() throws Exception {
        KeyPair pair = generated("secp256r1");
        new StateFile(directory).save(withKey(pair));

        for (KeyPair signing : List.of(pair, reloaded(directory))) {
            String assertion = new ClientAssertionIssuer("camera-client", KEY.value(), signing.getPrivate(),
                    Clock.systemUTC()).create("https://as.test/token").serialized();
            ECDSAVerifier jdk = new ECDSAVerifier((ECPublicKey) jdk(pair.getPublic())); // default JCA: SunEC
            assertThat(SignedJWT.parse(assertion).verify(jdk)).isTrue();
        }
    }

    @Test
    void a_jdk_key_of_an_earlier_state_file_loads_and_still_signs() throws Exception {
        KeyPair jdk = KeyAlgorithm.EC_P256.generate();
        new StateFile(directory).save(withKey(jdk));

        byte[] der = Pkcs10Signer.sign(reloaded(directory), DistinguishedName.commonName("SN0001"), List.of(),
                AlgorithmIdentifier.ECDSA_WITH_SHA256);

        assertThat(CertificationRequest.parse(der).publicKey().getEncoded()).isEqualTo(jdk.getPublic().getEncoded());
        assertThat(verifiesWithSunEc(der, "SHA256withECDSA", jdk.getPublic())).isTrue();
    }

    @Test
    void rsa_keys_round_trip() {
        KeyPair rsa = KeyAlgorithm.RSA_2048.generate();
        new StateFile(directory).save(DeviceState.empty()
                .withKey(StoredKey.keyPair(KEY, Optional.empty(), rsa))
                .withKey(StoredKey.publicOnly(new KeyID("key-2"), Optional.empty(), rsa.getPublic())));

        DeviceState loaded = new StateFile(directory).load().orElseThrow();
        assertThat(loaded.key(KEY).orElseThrow().keyPair().orElseThrow().getPrivate().getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(loaded.key(new KeyID("key-2")).orElseThrow().hasPublicKey(rsa.getPublic())).isTrue();
    }

    /** The key as the JDK's own provider decodes it. */
    private static PublicKey jdk(PublicKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), "SunEC")
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Checks the CSR's signature with the JDK's SunEC, independently of Bouncy Castle's provider. */
    static boolean verifiesWithSunEc(byte[] der, String algorithm, PublicKey key) throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
        Signature signature = Signature.getInstance(algorithm, "SunEC");
        signature.initVerify(jdk(key));
        signature.update(csr.toASN1Structure().getCertificationRequestInfo().getEncoded("DER"));
        return signature.verify(csr.getSignature());
    }
}
