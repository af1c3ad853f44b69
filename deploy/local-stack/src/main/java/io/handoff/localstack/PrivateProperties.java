package io.handoff.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes configuration that may hold secrets to a properties file only its owner can read. */
public final class PrivateProperties {
    private PrivateProperties() {
    }

    /** Replaces {@code file} with {@code properties}, mode 600. */
    public static Path write(Path file, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# written by handoff's local stack; holds secrets, keep private\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return writePrivately(file, text.toString());
    }

    /** Replaces {@code file} with the single line {@code secret} (a password file), mode 600. */
    public static Path writeLine(Path file, String secret) {
        return writePrivately(file, secret + '\n');
    }

    private static Path writePrivately(Path file, String text) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(absolute);
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(absolute, text, StandardCharsets.UTF_8);
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
