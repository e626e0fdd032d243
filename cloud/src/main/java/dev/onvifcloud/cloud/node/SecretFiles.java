package dev.onvifcloud.cloud.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Files holding keys: created with permissions {@code rw-------} from the start and moved into place atomically, so
 * that a reader sees a whole file or none; directories {@code rwx------}. Work on a directory shared by several
 * processes runs under a lock file there.
 */
final class SecretFiles {

    private static final String LOCK_FILE = ".lock";

    private SecretFiles() {
    }

    /** Creates the directory (owner only) if it is missing. */
    static Path directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly("rwx------"));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + directory, e);
        }
    }

    /** The file's text, if it exists. */
    static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Writes a new file atomically with permissions {@code rw-------}.
     *
     * @throws IllegalStateException when the file exists already: a key is never overwritten
     */
    static void writeNew(Path file, String content) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(directory, ".new-", ".tmp", ownerOnly("rw-------"));
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists already; not overwriting a key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Runs {@code work} holding an exclusive lock on the directory's lock file (other threads and processes wait). */
    static synchronized <T> T locked(Path directory, Supplier<T> work) {
        directory(directory);
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        try {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(permissions))};
        } catch (UnsupportedOperationException e) {
            return new FileAttribute<?>[0];
        }
    }
}
