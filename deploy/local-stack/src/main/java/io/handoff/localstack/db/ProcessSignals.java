package io.handoff.localstack.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals Java cannot send through {@link ProcessHandle}: SIGSTOP and SIGCONT, with which a drill hangs a server
 * (its sockets still accept connections and data, nothing answers) and lets it go on.
 */
public final class ProcessSignals {
    private ProcessSignals() {
    }

    /** SIGSTOP: the process stops where it is, as a hung host does. */
    public static void stop(long pid) {
        send("STOP", pid);
    }

    /** SIGCONT: a stopped process goes on. */
    public static void resume(long pid) {
        send("CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + signal + " to " + pid, e);
        }
    }
}
