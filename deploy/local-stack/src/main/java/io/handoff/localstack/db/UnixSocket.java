package io.handoff.localstack.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a local server's unix socket goes. Linux caps a socket path at 107 bytes ({@code sun_path}), and MySQL
 * refuses to start past it ({@code MY-010267}), so a server whose directory is deep (a CI checkout under
 * {@code /check/work/...}, a test's temporary directory) gets its socket in {@code /tmp} under a name derived from
 * that directory: the same directory always gets the same socket, two directories never share one.
 */
public final class UnixSocket {
    /** Longest socket path used as is; below the 107-byte limit, with room for the {@code .lock} MySQL adds. */
    static final int MAX_PATH_BYTES = 100;
    private static final String NAME = "mysqld.sock";

    private UnixSocket() {
    }

    /** The socket of the server whose files live in {@code baseDir}. */
    public static Path of(Path baseDir) {
        Path beside = baseDir.toAbsolutePath().normalize().resolve(NAME);
        if (beside.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
            return beside;
        }
        return shortDirectory().resolve("handoff-" + digest(beside.toString()) + ".sock");
    }

    private static Path shortDirectory() {
        Path tmp = Path.of("/tmp");
        return Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String digest(String path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
