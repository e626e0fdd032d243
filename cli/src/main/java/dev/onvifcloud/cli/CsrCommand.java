package dev.onvifcloud.cli;

import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onvif-cloud csr}: PKCS#10 certification requests, the form of {@code devicePublicKey}. */
@Command(
        name = "csr",
        mixinStandardHelpOptions = true,
        description = "Create and verify PKCS#10 certification requests (the devicePublicKey of deviceSharingCompleted).",
        subcommands = {CsrCommand.Create.class, CsrCommand.Verify.class})
final class CsrCommand extends CommandGroup {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Generate a key pair and print a certification request for it as base64 DER (one line).",
                "The private key is written to --key-out as PKCS#8 PEM, readable only by its owner."
            })
    static final class Create implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--subject", required = true, paramLabel = "DN",
                description = "Subject distinguished name, RFC 4514 (e.g. CN=camera-0001).")
        String subject;

        @Option(names = "--key-algorithm", paramLabel = "ALG", defaultValue = "EC_P256",
                description = "Key pair to generate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        KeyAlgorithm keyAlgorithm;

        @Option(names = "--key-out", paramLabel = "FILE",
                description = "Write the private key here (PKCS#8 PEM, mode 0600; an existing file is never overwritten).")
        Path keyOut;

        @Option(names = "--pem", description = "Print the request as PEM instead of base64 DER.")
        boolean pem;

        @Override
        public Integer call() {
            KeyPair keyPair = keyAlgorithm.generate();
            CertificationRequest request;
            try {
                request = CertificationRequest.create(keyPair, subject);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.failed("invalid --subject: " + e.getMessage());
            }
            if (keyOut != null) {
                Files.writeSecret(keyOut, pkcs8Pem(keyPair));
            } else {
                spec.commandLine().getErr().println(
                        "onvif-cloud: note: the private key was not saved (use --key-out FILE to keep it)");
            }
            spec.commandLine().getOut().println(pem ? request.toPem().strip() : request.toBase64Der());
            return 0;
        }

        private static String pkcs8Pem(KeyPair keyPair) {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyPair.getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Check a certification request: well-formed, self-signature valid (proof of possession), key strong",
                "enough. Prints the key type and its RFC 7638 thumbprint, or the reason for the rejection."
            })
    static final class Verify implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
                description = "PEM or base64 DER; '-' (the default) reads standard input.")
        String input;

        @Override
        public Integer call() {
            String text = Files.readText(input, System.in);
            try {
                CertificationRequest request = CertificationRequest.parse(text);
                var out = spec.commandLine().getOut();
                out.println("valid");
                out.println("subject:    " + request.subject().getName());
                out.println("key:        " + request.keyType());
                out.println("signature:  " + request.signatureAlgorithm());
                out.println("thumbprint: " + request.thumbprint());
                return 0;
            } catch (CertificationRequestRejectedException e) {
                throw CommandFailure.rejected("rejected: " + e.getMessage());
            }
        }
    }
}
