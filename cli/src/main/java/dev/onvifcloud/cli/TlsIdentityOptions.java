package dev.onvifcloud.cli;

import picocli.CommandLine.Option;

/**
 * The node's own certificate and key ({@code --tls-certificate}, {@code --tls-private-key}), the same for {@code mcs}
 * and {@code ocs}; mixed into both. Their values are read through the command's spec by {@link Configuration}, like
 * every other setting, and checked by {@link NodeConfiguration}.
 */
final class TlsIdentityOptions {

    @Option(names = "--tls-certificate", paramLabel = "FILE",
            description = "PEM certificate chain that our HTTPS API and uplink serve, leaf first (each certificate"
                    + " followed by its issuer); needs --tls-private-key. The leaf must name --public-host, be valid"
                    + " now and allow serverAuth. Default: a certificate from the development PKI's local CA, minted"
                    + " at each start.")
    String tlsCertificate;

    @Option(names = "--tls-private-key", paramLabel = "FILE",
            description = "PEM private key of --tls-certificate's leaf (PKCS#8, EC or RSA; not encrypted; keep it"
                    + " readable by its owner only). Needs --tls-certificate.")
    String tlsPrivateKey;
}
