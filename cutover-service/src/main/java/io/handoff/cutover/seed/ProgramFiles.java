package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files the client programs need around a run: a private folder, option files holding an
 * account (passwords never go on a command line), and the tail of a program's error output.
 */
final class ProgramFiles {
    private static final int STDERR_SHOWN = 600;

    private ProgramFiles() {
    }

    /** A new temporary folder readable by this user only; the caller deletes it ({@link #deleteRecursively}). */
    static Path privateDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * An option file for the client programs, readable by this user only. Values are double-quoted,
     * with backslash and quote escaped, which the programs' option parser undoes.
     */
    static Path optionFile(Path file, ClusterSpec cluster, Credentials account) throws DumpPipe.DumpFailedException {
        String content = "[client]\n"
                + "host=" + quote(cluster.host()) + "\n"
                + "port=" + cluster.port() + "\n"
                + "user=" + quote(account.user()) + "\n"
                + "password=" + quote(account.password().reveal()) + "\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new DumpPipe.DumpFailedException("cannot write the option file for " + cluster.name() + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The last characters a program wrote to {@code errors}, for a failure message. */
    static String tail(Path errors) {
        try {
            String text = Files.readString(errors, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no message)" : text.length() <= STDERR_SHOWN ? text : "..." + text.substring(text.length() - STDERR_SHOWN);
        } catch (IOException e) {
            return "(no message: " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the option files in " + dir, e);
        }
    }
}
