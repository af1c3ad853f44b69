package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Credentials;
import io.handoff.common.sql.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams a consistent dump of some schemas from a source server into a target server: the dump
 * program's output goes straight into the client program's input, through this JVM (which counts
 * the bytes and reads the GTID position from the dump's first or last lines), never through a file.
 *
 * <p>The dump is one transaction ({@code --single-transaction}) with its GTID position written as a
 * comment (the options of its {@link DumpFormat}). The target loads it without binlogging
 * ({@code --init-command=SET sql_log_bin=0}) where its account may switch binlogging off (SUPER, BINLOG ADMIN
 * on MariaDB, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN on MySQL): a binlogged load creates GTIDs of
 * the target's own, errant transactions that break replication under {@code gtid_strict_mode} and that a flip
 * back would replay on the old master. Where it may not (Aurora MySQL's master user), the load is binlogged
 * ({@link DumpFormat.Load#binlogged()}: no init command, the dump's own binlog switch left out by
 * {@link DumpFormat#loaderInput}) and the dump format reconciles the GTIDs afterwards.
 *
 * <p>Passwords: never on a command line. Each program gets its account in an option file
 * ({@code --defaults-extra-file}) of mode 600 in a private temporary folder, deleted when the run
 * ends, whatever the outcome.
 */
public final class DumpPipe {
    private static final int HEADER_LIMIT = 1 << 20;
    /** MariaDB 11's dump prints its GTID position in its last lines, after the data. */
    private static final int TRAILER_LIMIT = 64 * 1024;

    /**
     * What a finished run produced.
     *
     * @param position the dump's GTID position ("" when the source had written none)
     * @param bytes    size of the dump, bytes
     */
    public record Result(String position, long bytes) {
    }

    /**
     * The run failed; the message names the cluster and what went wrong, without a password. {@link
     * #errorCodes()}: the server and client error codes the failing program printed (e.g. 2013, lost
     * connection), from which the caller decides whether another attempt may help.
     */
    public static final class DumpFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<Integer> errorCodes;
        private final boolean targetUntouched;

        DumpFailedException(String message, Throwable cause) {
            this(message, List.of(), cause);
        }

        DumpFailedException(String message, List<Integer> errorCodes, Throwable cause) {
            this(message, errorCodes, false, cause);
        }

        DumpFailedException(String message, List<Integer> errorCodes, boolean targetUntouched, Throwable cause) {
            super(message, cause);
            this.errorCodes = List.copyOf(errorCodes);
            this.targetUntouched = targetUntouched;
        }

        public List<Integer> errorCodes() {
            return errorCodes;
        }

        /** {@code true} when the run failed before it changed anything on the target. */
        public boolean targetUntouched() {
            return targetUntouched;
        }
    }

    private final ClientPrograms programs;
    private final Duration timeout;

    public DumpPipe(ClientPrograms programs, Duration timeout) {
        this.programs = programs;
        this.timeout = timeout;
    }

    /** Dumps {@code schemas} from {@code source} into {@code target}, in the source's {@code format}. */
    public Result run(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target, List<String> schemas)
            throws DumpFailedException {
        List<String> what = new ArrayList<>(List.of("--single-transaction"));
        what.addAll(format.positionOptions());
        what.addAll(List.of("--routines", "--triggers", "--events", "--hex-blob", "--databases"));
        what.addAll(schemas);
        Copied copied = copy(format, how, source, target, what);
        String position = format.position(copied.head(), copied.tail()).orElseThrow(() -> new DumpFailedException("the dump of "
                + source.name() + " has no GTID position in its first or last lines; was the source's binlog on?", null));
        return new Result(position, copied.bytes());
    }

    /**
     * The definitions of {@code schemas} without their rows, triggers or events (tables, views, routines), each dropped
     * first where it exists: what a {@link ParallelSeed} loads before the rows (it creates the events itself, kept off:
     * {@link SeedEventDefinitions}).
     */
    public long copyDefinitions(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target,
            List<String> schemas) throws DumpFailedException {
        return copy(format, how, source, target, definitionsOnly(format, schemas, "--skip-triggers", "--routines", "--skip-events"))
                .bytes();
    }

    /**
     * The dump programs' arguments for some definitions of {@code schemas} ({@code which}), without rows or position,
     * and without table locks: their default ({@code --opt}) takes {@code LOCK TABLES ... READ} on every table of a
     * schema it dumps, which on the source blocks the applications' writes to them while the dump runs and, behind any
     * open transaction that wrote one of them, until that transaction ends. Definitions need no lock (the parallel seed
     * reads the rows from its own snapshot).
     */
    private static List<String> definitionsOnly(DumpFormat format, List<String> schemas, String... which) {
        List<String> what = new ArrayList<>(format.withoutPositionOptions());
        what.addAll(List.of("--skip-lock-tables", "--no-data"));
        what.addAll(List.of(which));
        what.add("--databases");
        what.addAll(schemas);
        return what;
    }

    /** What one run of the dump program piped into the client produced: its size, first and last bytes. */
    private record Copied(long bytes, String head, String tail) {
    }

    private Copied copy(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target, List<String> what)
            throws DumpFailedException {
        Path dir;
        try {
            dir = ProgramFiles.privateDirectory("handoff-seed-");
        } catch (IOException e) {
            throw new DumpFailedException("cannot create a private folder for the seed's option files: " + e.getMessage(), e);
        }
        try {
            return copy(format, how, source, target, what, dir);
        } finally {
            ProgramFiles.deleteRecursively(dir);
        }
    }

    private Copied copy(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target, List<String> what,
            Path dir) throws DumpFailedException {
        Path sourceOptions = ProgramFiles.optionFile(dir.resolve("source.cnf"), source, new Credentials(source.user(), source.password()));
        Path targetOptions = ProgramFiles.optionFile(dir.resolve("target.cnf"), target, new Credentials(target.user(), target.password()));
        Path dumpErrors = dir.resolve("dump.err");
        Path loadErrors = dir.resolve("load.err");
        List<String> dump = new ArrayList<>(List.of(programs.dump(SqlDialect.of(source.flavor())).toString(),
                "--defaults-extra-file=" + sourceOptions, "--protocol=TCP"));
        dump.addAll(format.loginOptions());
        dump.addAll(what);
        List<String> load = new ArrayList<>(List.of(programs.client(SqlDialect.of(target.flavor())).toString(),
                "--defaults-extra-file=" + targetOptions, "--protocol=TCP"));
        load.addAll(format.loginOptions());
        if (!how.binlogged()) {
            load.add("--init-command=SET sql_log_bin=0");
        }
        load.add("--batch");
        Process dumping = start(dump, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.to(dumpErrors.toFile()), source, "dump");
        Process loading;
        try {
            loading = new ProcessBuilder(load).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(loadErrors.toFile()).start();
        } catch (IOException e) {
            dumping.destroyForcibly();
            throw new DumpFailedException("cannot start " + load.get(0) + " to load into " + target.name() + ": " + e.getMessage(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(new SeedThreads("seed-watchdog"));
        long bytes;
        StreamEnds ends = new StreamEnds(HEADER_LIMIT, TRAILER_LIMIT);
        IOException copyFailure = null;
        OutputStream loaderInput = format.loaderInput(how, loading.getOutputStream());
        int dumpExit;
        int loadExit;
        try {
            watchdog.schedule(() -> {
                timedOut.set(true);
                dumping.destroyForcibly();
                loading.destroyForcibly();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                bytes = copy(dumping.getInputStream(), loaderInput, ends);
            } catch (IOException e) {
                copyFailure = e;
                bytes = -1;
                dumping.destroyForcibly();
            } finally {
                closeQuietly(loaderInput);
            }
            dumpExit = waitFor(dumping);
            loadExit = waitFor(loading);
        } finally {
            watchdog.shutdownNow();
        }
        if (timedOut.get()) {
            throw new DumpFailedException("seeding " + target.name() + " from " + source.name() + " took longer than "
                    + timeout + " and was stopped", null);
        }
        // The dump ended on its own with an error (the source went away, say) while the loader still read:
        // the loader's own failure, if any, is the truncated input's consequence, so the dump's error is the cause.
        boolean dumpFailedFirst = dumpExit != 0 && copyFailure == null;
        if (loadExit != 0 && !dumpFailedFirst) {
            String errors = ProgramFiles.tail(loadErrors);
            throw new DumpFailedException("loading the dump into " + target.name() + " (" + target.host() + ":" + target.port()
                    + " as " + target.user() + ") failed with exit code " + loadExit + ": " + errors, ErrorCodes.in(errors), copyFailure);
        }
        if (dumpExit != 0 || copyFailure != null) {
            String errors = ProgramFiles.tail(dumpErrors);
            throw new DumpFailedException("dumping " + schemasIn(what) + " from " + source.name() + " (" + source.host() + ":"
                    + source.port() + " as " + source.user() + ") failed with exit code " + dumpExit + ": " + errors
                    + (loadExit != 0 ? "; the load of the partial dump stopped too (exit code " + loadExit + ")" : ""),
                    ErrorCodes.in(errors), copyFailure);
        }
        return new Copied(bytes, ends.head(), ends.tail());
    }

    /** The schemas a dump program's arguments name: those after {@code --databases}. */
    private static List<String> schemasIn(List<String> what) {
        int at = what.indexOf("--databases");
        return at < 0 ? List.of() : what.subList(at + 1, what.size());
    }

    private Process start(List<String> command, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err, ClusterSpec cluster,
            String what) throws DumpFailedException {
        try {
            return new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        } catch (IOException e) {
            throw new DumpFailedException("cannot start " + command.get(0) + " to " + what + " " + cluster.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Copies everything, keeping the first and the last bytes, where the dump's position is. */
    private static long copy(InputStream from, OutputStream to, StreamEnds ends) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = from.read(buffer)) >= 0) {
            ends.add(buffer, read);
            to.write(buffer, 0, read);
            total += read;
        }
        to.flush();
        return total;
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the loader ended early; its exit code and messages say why
        }
    }

}
