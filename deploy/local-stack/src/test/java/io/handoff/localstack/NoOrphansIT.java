package io.handoff.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded stack leaves no process behind when the JVM that runs it goes (issue 19): the stack's main runs
 * in a JVM of its own (as {@code ./demo}'s does), with its Kafka broker and two MariaDB servers as that JVM's
 * children; the JVM is then stopped with SIGTERM, or killed with SIGKILL (no shutdown hook runs), and every
 * process it had started, read from the operating system's process table before the stop, must be gone.
 */
@Tag("issue-19")
class NoOrphansIT {
    private static final Duration READY = Duration.ofMinutes(3);
    /** {@link ChildProcesses#EXIT_GRACE} and the watcher's one-second look, with room for a slow machine. */
    private static final Duration GONE = Duration.ofSeconds(45);

    @Test
    void everyChildOfAStackWhoseJvmIsKilledWithSigkillGoes() throws Exception {
        stopsWithoutOrphans("sigkill", Process::destroyForcibly);
    }

    @Test
    void everyChildOfAStackWhoseJvmIsStoppedWithSigtermGoes() throws Exception {
        stopsWithoutOrphans("sigterm", Process::destroy);
    }

    private static void stopsWithoutOrphans(String name, Consumer<Process> stop) throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "no-orphans-" + name + "-");
        Process stack = startStack(workDir);
        List<ProcessHandle> children = stack.toHandle().descendants().toList();
        try {
            assertThat(children.stream().filter(child -> command(child).contains("/mariadbd ")).count())
                    .as("the stack's MariaDB servers among " + describe(children)).isEqualTo(2);
            // The broker's command line may be cut short by its class path: its jars name it.
            assertThat(children).as("the stack's Kafka broker among " + describe(children))
                    .anyMatch(child -> command(child).contains("/java ") && command(child).contains("kafka"));

            stop.accept(stack);
            assertThat(stack.waitFor(30, TimeUnit.SECONDS)).as("the stack's JVM ended").isTrue();

            await("every process the stack had started is gone").atMost(GONE).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(children.stream().filter(ProcessHandle::isAlive).toList())
                            .as("still running").isEmpty());
        } finally {
            stack.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** LocalStackMain in a JVM of its own, returned once it printed READY. */
    private static Process startStack(Path workDir) throws IOException, InterruptedException {
        String classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target", "runtime.classpath")).trim();
        Process stack = new ProcessBuilder(ChildProcesses.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath,
                LocalStackMain.class.getName(), "--work-dir", workDir.resolve("stack").toString())
                .redirectError(workDir.resolve("stack.log").toFile())
                .start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("READY")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            if (!ready.get(READY.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stack exited before READY:\n" + ChildProcesses.tail(workDir.resolve("stack.log"), 40));
            }
        } catch (ExecutionException | TimeoutException e) {
            stack.destroyForcibly();
            throw new IllegalStateException("the stack was not READY within " + READY + ":\n"
                    + ChildProcesses.tail(workDir.resolve("stack.log"), 40), e);
        }
        return stack;
    }

    private static String command(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    private static List<String> describe(List<ProcessHandle> processes) {
        List<String> lines = new ArrayList<>();
        for (ProcessHandle process : processes) {
            String command = command(process);
            lines.add(process.pid() + " " + command.substring(0, Math.min(120, command.length())));
        }
        return lines;
    }
}
