package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.DumpHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A consistent logical dump of some schemas of one server to a file: one transaction
 * ({@code --single-transaction}) with the GTID position it was taken at in its header, routines,
 * triggers and events included. Written to {@code <file>.partial} and renamed when complete, so that
 * a file under the final name is always a whole dump (what a repeated SNAPSHOT converges on).
 *
 * <p>The account goes to the program in an option file of mode 600 in a private folder, deleted
 * after the run; never on the command line.
 */
public final class SnapshotDump {
    private static final int HEADER_LIMIT = 1 << 20;
    private static final int TAIL_LIMIT = 64 << 10;

    /**
     * A finished dump.
     *
     * @param file     where it is
     * @param bytes    its size
     * @param position the GTID position it was taken at ("" when the header has none)
     */
    public record Result(Path file, long bytes, String position) {
    }

    private final ClientPrograms programs;
    private final Duration timeout;

    public SnapshotDump(ClientPrograms programs, Duration timeout) {
        this.programs = programs;
        this.timeout = timeout;
    }

    /** The dump already at {@code file}, if a complete one is there. */
    public static Optional<Result> existing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new Result(file, Files.size(file), position(file)));
    }

    /** Dumps {@code schemas} of {@code cluster} to {@code file}, replacing an unfinished attempt. */
    public Result run(ClusterSpec cluster, List<String> schemas, Path file) throws DumpPipe.DumpFailedException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Path dir;
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(partial);
            dir = ProgramFiles.privateDirectory("handoff-snapshot-");
        } catch (IOException e) {
            throw new DumpPipe.DumpFailedException("cannot prepare " + file + " for the snapshot of " + cluster.name() + ": "
                    + e.getMessage(), e);
        }
        try {
            Path options = ProgramFiles.optionFile(dir.resolve("client.cnf"), cluster, new Credentials(cluster.user(), cluster.password()));
            Path errors = dir.resolve("dump.err");
            SqlDialect dialect = SqlDialect.of(cluster.flavor());
            DumpFormat format = DumpFormat.of(dialect);
            List<String> command = new ArrayList<>(List.of(programs.dump(dialect).toString(),
                    "--defaults-extra-file=" + options, "--protocol=TCP"));
            command.addAll(format.loginOptions());
            command.add("--single-transaction");
            command.addAll(format.positionOptions());
            command.addAll(List.of("--routines", "--triggers", "--events", "--hex-blob", "--result-file=" + partial, "--databases"));
            command.addAll(schemas);
            Process dump;
            try {
                dump = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new DumpPipe.DumpFailedException("cannot start " + command.get(0) + " to snapshot " + cluster.name() + ": "
                        + e.getMessage(), e);
            }
            int exit = waitFor(dump, cluster);
            if (exit != 0) {
                throw new DumpPipe.DumpFailedException("dumping " + schemas + " of " + cluster.name() + " (" + cluster.host() + ":"
                        + cluster.port() + " as " + cluster.user() + ") failed with exit code " + exit + ": "
                        + ProgramFiles.tail(errors), null);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return existing(file).orElseThrow();
        } catch (IOException e) {
            throw new DumpPipe.DumpFailedException("cannot complete the snapshot file " + file + ": " + e.getMessage(), e);
        } finally {
            ProgramFiles.deleteRecursively(dir);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the next attempt deletes it first
            }
        }
    }

    private int waitFor(Process dump, ClusterSpec cluster) throws DumpPipe.DumpFailedException {
        try {
            if (!dump.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                dump.destroyForcibly();
                throw new DumpPipe.DumpFailedException("the snapshot of " + cluster.name() + " took longer than " + timeout
                        + " and was stopped", null);
            }
            return dump.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dump.destroyForcibly();
            throw new DumpPipe.DumpFailedException("the snapshot of " + cluster.name() + " was interrupted", e);
        }
    }

    /**
     * The GTID position the dump names: in its last bytes (MariaDB 11 prints it after the data) or else in
     * its header (MySQL, MariaDB before 11).
     */
    private static String position(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Optional<String> last = DumpHeader.gtidPosition(read(channel, Math.max(0, size - TAIL_LIMIT), TAIL_LIMIT));
            if (last.isPresent()) {
                return last.get();
            }
            return DumpHeader.gtidPosition(read(channel, 0, HEADER_LIMIT)).orElse("");
        }
    }

    private static String read(FileChannel channel, long from, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.max(0, channel.size() - from)));
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
            // FileChannel.read may return fewer bytes than asked
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
