package io.handoff.demo;

import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.ServiceReadiness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One service running from its packaged {@code quarkus-run.jar} as a child process, so that a drill
 * can stop it, kill it ({@code kill -9}) and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

    private final HandoffService service;
    private final Path jar;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    ServiceProcess(HandoffService service, Path repository, Path config, Path log, int port) {
        this.service = service;
        this.jar = repository.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        this.config = config;
        this.log = log;
        this.port = port;
    }

    public HandoffService service() {
        return service;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    /** Starts the process (not waiting for readiness). */
    public synchronized void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package -DskipTests)");
        }
        // C1 only, compiled after a tenth of the usual invocations: a flip runs its code a handful of times, and the
        // fence's window should not run it interpreted.
        process = ChildProcesses.start(List.of(ChildProcesses.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.config.locations=" + config.toUri(),
                "-jar", jar.toString()), jar.getParent(), log);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail otherwise. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited:\n" + ChildProcesses.tail(log, 40));
            }
            if (ready()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(service.module() + " not ready within " + timeout + ":\n" + ChildProcesses.tail(log, 40));
    }

    private boolean ready() {
        return ServiceReadiness.ready(uri());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the service with SIGTERM (a graceful shutdown). */
    public synchronized void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
        process = null;
    }

    /**
     * Kills the service with SIGKILL, as a crash would (no shutdown hook runs, nothing is flushed or
     * committed), and waits until it is gone. Returns its exit status (137 after SIGKILL), or -1 when it
     * was not running.
     */
    public synchronized int kill() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        int status = process.destroyForcibly().waitFor();
        process = null;
        return status;
    }

    /** Whether the process runs (started, and neither stopped, killed nor exited). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts a stopped or killed service again with the same port, configuration and log (appended to),
     * and waits until it is ready.
     *
     * @throws IllegalStateException when it still runs, or is not ready within {@code readyWithin}
     */
    public void restart(Duration readyWithin) {
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException(service.module() + " still runs: kill or stop it before restarting it");
            }
            start();
        }
        awaitReady(readyWithin);
    }

    @Override
    public void close() {
        stop();
    }
}
