package io.handoff.cutover.durability;

import static org.awaitility.Awaitility.await;

import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.ServiceReadiness;
import io.handoff.localstack.FreePorts;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.PrivateProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged cutover-service ({@code target/quarkus-app/quarkus-run.jar}, built before the
 * integration tests run) as a child process against the JVM's local stack, so that a test can kill it
 * ({@code kill -9}) and start it again. Its cluster registry is the stack's plus aliases, extra names for
 * the stack's servers: fencing epochs are kept per cluster name, so a test that raises an alias's
 * epoch leaves {@code source} and {@code target} to the other tests. It consumes commands in a consumer
 * group of its own (from the oldest command, like the real one), kept across restarts.
 */
final class PackagedCutoverService implements AutoCloseable {
    private static final String COMMANDS = "mp.messaging.incoming.\"handoff.commands.cutover\".";

    private final Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private final Path workDir;
    private final Path config;
    private final int port = FreePorts.orFree(0);
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param aliases alias name to the stack's cluster name ({@code source} or {@code target}) it stands for
     */
    PackagedCutoverService(LocalStack stack, Map<String, String> aliases) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package");
        }
        workDir = Path.of("target/durability-it", UUID.randomUUID().toString()).toAbsolutePath();
        Map<String, String> properties = new LinkedHashMap<>(stack.coordinates().toProperties());
        aliases.forEach((alias, cluster) -> stack.coordinates().toProperties().forEach((key, value) -> {
            String prefix = "handoff.clusters." + cluster + ".";
            if (key.startsWith(prefix)) {
                properties.put("handoff.clusters." + alias + "." + key.substring(prefix.length()), value);
            }
        }));
        properties.put(COMMANDS + "group.id", "cutover-durability-" + UUID.randomUUID());
        // A killed member leaves the group after this, rather than after the default 45 s.
        properties.put(COMMANDS + "session.timeout.ms", "6000");
        properties.put(COMMANDS + "heartbeat.interval.ms", "1000");
        config = PrivateProperties.write(workDir.resolve("cutover.properties"), properties);
    }

    /** Starts the service and waits until it is ready (its ledger rebuilt, Kafka and databases reachable). */
    void start() {
        starts++;
        log = workDir.resolve("cutover-" + starts + ".log");
        process = ChildProcesses.start(List.of(ChildProcesses.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.config.locations=" + config.toUri(),
                "-jar", jar.toString()), jar.getParent(), log);
        await("cutover-service ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("cutover-service exited:\n" + ChildProcesses.tail(log, 40));
            }
            return ready();
        });
    }

    /** Kills the service with SIGKILL, as a crash would. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /** The output of the current (or last) run. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ready() {
        return ServiceReadiness.ready(URI.create("http://127.0.0.1:" + port));
    }

    /** Stops the service and deletes its configuration (it holds the stack's passwords); logs stay. */
    @Override
    public void close() throws IOException {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
        process = null;
        Files.deleteIfExists(config);
    }
}
