package io.handoff.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping the stack's child processes, with their output kept in a log file. No child
 * outlives the JVM that started it: when the JVM exits without stopping them (Ctrl-C, SIGTERM, a test
 * JVM ending), one shutdown hook asks every live child to stop and kills those still running after
 * {@link #EXIT_GRACE}; when the JVM is killed (SIGKILL: no hook runs), {@link OrphanGuard} does the same.
 * (A MySQL server or a service left behind holds its ports and takes a core.)
 */
public final class ChildProcesses {
    /** How long the shutdown hook waits for the children to stop before killing them. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAllLive, "child-processes-stop"));
        OrphanGuard.start();
    }

    private ChildProcesses() {
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static Process start(List<String> command, Path workDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LIVE.add(process);
            process.onExit().thenRun(() -> LIVE.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private static void stopAllLive() {
        List<Process> children = List.copyOf(LIVE);
        children.forEach(Process::destroy);
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        for (Process child : children) {
            try {
                if (!child.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }
    }

    /** Runs {@code command} to completion; fails with the tail of its output when it exits non-zero. */
    public static void run(List<String> command, Path workDir, Path log, Duration timeout) {
        Process process = start(command, workDir, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + command.get(command.size() - 1)
                        + ":\n" + tail(log, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Asks the process to stop (SIGTERM) and waits for it; kills it (SIGKILL) when it does not stop
     * within {@code grace}.
     */
    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Ends the process at once (SIGKILL), as a crash does, and waits for it to be gone. */
    public static void kill(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The java executable of the running JVM, so that children run on the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
