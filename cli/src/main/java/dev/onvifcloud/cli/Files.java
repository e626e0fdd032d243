package dev.onvifcloud.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The file handling of the command line: bounded reads, and writes of secrets that only the owner may read. */
final class Files {

    /** Inputs (tokens, requests, key sets) are small; anything bigger than this is a mistake. */
    static final int MAX_INPUT_BYTES = 1024 * 1024;

    private Files() {}

    /** Reads a text file, or standard input for {@code -}, refusing more than {@link #MAX_INPUT_BYTES}. */
    static String readText(String fileOrDash, InputStream stdin) {
        try (InputStream in = "-".equals(fileOrDash) ? stdin : java.nio.file.Files.newInputStream(Path.of(fileOrDash))) {
            byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw CommandFailure.failed(describe(fileOrDash) + " is larger than " + MAX_INPUT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw CommandFailure.failed(describe(fileOrDash) + ": no such file");
        } catch (IOException e) {
            throw CommandFailure.failed("cannot read " + describe(fileOrDash) + ": " + e.getMessage());
        }
    }

    /**
     * Writes a secret (a private key) atomically with permissions rw------- from the start; refuses to overwrite
     * an existing file so that a key is never lost by accident.
     */
    static void writeSecret(Path target, String content) {
        if (java.nio.file.Files.exists(target)) {
            throw CommandFailure.failed(target + " already exists; not overwriting a key");
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            Path tmp = java.nio.file.Files.createTempFile(dir, ".onvif-cloud-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                java.nio.file.Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                java.nio.file.Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw CommandFailure.failed(target + " already exists; not overwriting a key");
        } catch (IOException e) {
            throw CommandFailure.failed("cannot write " + target + ": " + e.getMessage());
        }
    }

    private static String describe(String fileOrDash) {
        return "-".equals(fileOrDash) ? "standard input" : fileOrDash;
    }
}
