package dev.onvifcloud.uplink.it;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/** Certificates minted once per test run from the development PKI. */
final class TestPki {

    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    static final TlsCredential CLOUD = credential(PKI.issueServerCertificate("cloud.test"));

    private TestPki() {
    }

    static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    /** What cameras trust for the clouds' server certificates. */
    static List<X509Certificate> cloudTrust() {
        return List.of(PKI.localCaCertificate());
    }
}
